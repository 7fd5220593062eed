import type { RxCollection } from 'rxdb';
import type { z } from 'zod';

/** Why a store write failed; mirrors the features' `PortErrorCode`s it maps to. */
export type StoreErrorCode = 'invalid' | 'conflict' | 'storage' | 'not-found';

/** Thrown by repositories; nothing was written when it is thrown. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Versioned = { id: string; updatedAt: number };

function stripMeta<T>(doc: Record<string, unknown>): T {
  const { _rev: _r, _meta: _m, _attachments: _a, _deleted: _d, ...rest } = doc;
  return rest as T;
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes whole domain documents validated by their core zod schema, with optimistic concurrency
 * on `updatedAt`: a write must be newer than what is stored, and re-writing the identical document
 * is a no-op (so a retried save after a crash or double click is harmless). The returned promise
 * resolves only after IndexedDB committed (strict durability for orders, shifts, audit).
 */
export class DocumentRepository<S extends z.ZodType<Versioned>> {
  constructor(
    private readonly collection: RxCollection<Record<string, unknown>>,
    private readonly schema: S,
    private readonly label: string,
    /** Why `next` cannot replace `stored` though it is newer (computed from an older version), or null. */
    private readonly staleWrite: (stored: z.output<S>, next: z.output<S>) => string | null = () => null,
  ) {}

  parse(input: unknown): z.output<S> {
    const parsed = this.schema.safeParse(input);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new StoreError('invalid', `Invalid ${this.label}: ${detail}`);
    }
    return parsed.data;
  }

  async save(input: z.input<S>): Promise<z.output<S>> {
    const doc = this.parse(input);
    try {
      // New documents are the common case: one insert, one IndexedDB transaction.
      try {
        await this.collection.insert(doc);
        return doc;
      } catch (error) {
        if ((error as { code?: string }).code !== 'CONFLICT') throw error;
      }
      const current = await this.collection.findOne(doc.id).exec();
      if (!current) throw new StoreError('storage', `${this.label} ${doc.id} vanished during save`);
      await current.incrementalModify((stored) => {
        const storedDoc = stripMeta<Versioned>(stored);
        if (storedDoc.updatedAt === doc.updatedAt && sameContent(storedDoc, doc)) {
          return stored;
        }
        if (storedDoc.updatedAt >= doc.updatedAt) {
          throw new StoreError('conflict', `${this.label} ${doc.id} changed since it was read; reload it and try again`);
        }
        // Newer by its clock, yet computed from an older version than the stored one (replication
        // stored another till's change after it was read): writing it would drop that change.
        const current = this.schema.safeParse(storedDoc);
        const stale = current.success ? this.staleWrite(current.data, doc) : null;
        if (stale) throw new StoreError('conflict', `${this.label} ${doc.id} changed since it was read (${stale}); reload it and try again`);
        return doc;
      });
      return doc;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('storage', `Could not save ${this.label} ${doc.id}: ${(error as Error).message}`);
    }
  }

  async get(id: string): Promise<z.output<S> | null> {
    const found = await this.collection.findOne(id).exec();
    return found ? stripMeta<z.output<S>>(found.toJSON(true)) : null;
  }

  /** Append-only documents (audit): inserting the same id twice with the same content is a no-op. */
  async append(input: z.input<S>): Promise<z.output<S>> {
    const doc = this.parse(input);
    try {
      await this.collection.insert(doc);
      return doc;
    } catch (error) {
      if ((error as { code?: string }).code !== 'CONFLICT') throw new StoreError('storage', `Could not append ${this.label}: ${(error as Error).message}`);
      const stored = await this.get(doc.id);
      if (stored && sameContent(stored, doc)) return doc;
      throw new StoreError('conflict', `${this.label} ${doc.id} already exists with different content`);
    }
  }
}

export { stripMeta };

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A small JSON document on disk, validated on read and written atomically (temp file + rename) so
 * a crash mid-write leaves the previous version, never a torn file. Mode 0600: it may hold the
 * device credential.
 */
export class JsonFile<S extends z.ZodType> {
  constructor(
    private readonly path: string,
    private readonly schema: S,
    private readonly fallback: z.output<S>,
  ) {}

  async read(): Promise<z.output<S>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.fallback;
      throw error;
    }
    const parsed = this.schema.safeParse(JSON.parse(text));
    // A file edited by hand into an invalid state falls back rather than bricking the till.
    return parsed.success ? parsed.data : this.fallback;
  }

  async write(value: z.output<S>): Promise<void> {
    const data = this.schema.parse(value);
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

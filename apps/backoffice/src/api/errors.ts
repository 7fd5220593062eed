import { TRPCClientError } from '@trpc/client';
import type { ZodError } from 'zod';

/** A failed form: a message for the form and one per field, keyed by the field's input path. */
export interface FormError {
  message: string;
  fields: Readonly<Record<string, string>>;
  /** HTTP status of a server answer (409 conflict, 403 …), absent for checks done in the page. */
  status?: number;
}

interface ServerErrorData {
  httpStatus?: number;
  code?: string;
  issues?: { path: string; message: string }[] | null;
}

/**
 * Turns a server error into what a form shows: the server names the fields at fault in
 * `data.issues[].path` (e.g. `pin`, `range.to`); `prefix` drops a wrapper such as `range.`.
 */
export function formErrorOf(error: unknown, prefix = ''): FormError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ServerErrorData;
    const fields: Record<string, string> = {};
    for (const issue of data.issues ?? []) {
      const path = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
      fields[path] ??= issue.message;
    }
    return {
      message: error.message,
      fields,
      ...(data.httpStatus ? { status: data.httpStatus } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
}

/** The same shape from a zod check run in the page before sending. */
export function formErrorOfZod(error: ZodError): FormError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.map(String).join('.')] ??= issue.message;
  return { message: error.issues[0]?.message ?? 'Invalid input', fields };
}

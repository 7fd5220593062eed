// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- pino-roll ships no types; a program that reaches this file through an import (the printing bench) needs the declaration too
/// <reference path="./pino-roll.d.ts" />
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import type { StoredLogEntry } from '../contract.js';

export interface HostLogOptions {
  /** The folder of the log files (`<data dir>/logs`). */
  dir: string;
  /** A file is rolled over once it reaches this size (pino-roll syntax: `10m`, `512k`). */
  size?: string;
  /** Rolled-over files kept besides the current one; older ones are deleted. */
  keep?: number;
}

/** The till host's log: JSON lines, one file at a time, never growing without bound. */
export interface HostLog {
  write(entry: StoredLogEntry): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * pino (as the sync server) writing `till.<n>.log` files rolled by size with pino-roll; the
 * newest has the highest number and `current.log` links to it. Writes are asynchronous (pino-roll
 * rolls a file on the stream's `drain`, which synchronous writes never emit); `close()` flushes.
 */
export async function createHostLog(options: HostLogOptions): Promise<HostLog> {
  // Before pino-roll: it links current.log while the stream is still opening its first file.
  await mkdir(options.dir, { recursive: true });
  const stream = await pinoRoll({
    file: join(options.dir, 'till'),
    extension: '.log',
    size: options.size ?? '10m',
    limit: { count: options.keep ?? 5 },
    symlink: true,
  });
  const logger: Logger = pino(
    {
      base: null,
      timestamp: false,
      messageKey: 'message',
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return {
    write({ level, message, ...fields }) {
      logger[level](fields, message);
    },
    close() {
      return new Promise((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}

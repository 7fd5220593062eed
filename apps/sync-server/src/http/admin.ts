import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isAdminCommand, runAdminCommand, type AdminServices } from '../admin';

const MAX_ADMIN_BODY = 64 * 1024;

function sameMachine(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress ?? '';
  return (
    remote === '127.0.0.1' ||
    remote === '::1' ||
    remote === '::ffff:127.0.0.1' ||
    remote === req.socket.localAddress
  );
}

function secretMatches(req: IncomingMessage, secret: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_ADMIN_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `POST /admin/<command>`: the CLI's way into a running server that owns its PGlite folder. Only
 * from this machine and with the secret the server wrote into the data folder's lock file
 * (readable by the server's user only), so reaching the port is not enough.
 */
export function createAdminHandler(services: AdminServices, secret: string) {
  return async (req: IncomingMessage, res: ServerResponse, name: string): Promise<void> => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || !sameMachine(req) || !secretMatches(req, secret))
      return reply(403, {
        error: { message: 'Admin commands only from this machine, with its secret' },
      });
    if (!isAdminCommand(name))
      return reply(404, { error: { message: `No command ${name.slice(0, 40)}` } });
    const body = await readBody(req);
    if (body === null) return reply(413, { error: { message: 'Command over 64 KiB' } });
    let input: unknown;
    try {
      input = JSON.parse(body || '{}');
    } catch (_error) {
      return reply(400, { error: { message: 'Body is not JSON' } });
    }
    try {
      return reply(200, { result: await runAdminCommand(services, name, input) });
    } catch (error) {
      if (error instanceof z.ZodError) {
        const issue = error.issues[0];
        return reply(400, {
          error: { message: `Invalid ${issue?.path.join('.')}: ${issue?.message}` },
        });
      }
      if (error instanceof TRPCError)
        return reply(getHTTPStatusCodeFromError(error), { error: { message: error.message } });
      throw error;
    }
  };
}

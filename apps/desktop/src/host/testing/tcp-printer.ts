import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A tiny TCP printer for host tests: records the bytes of each connection and answers DLE EOT
 * status queries with the configured status bytes. (Full ESC/POS decoding lives in
 * @comanda/printing's virtual printer.)
 */
export interface TcpPrinter {
  port: number;
  jobs: Buffer[];
  status: { printer: number; offline: number; paper: number };
  close(): Promise<void>;
}

export async function startTcpPrinter(): Promise<TcpPrinter> {
  const jobs: Buffer[] = [];
  const status = { printer: 0x12, offline: 0x12, paper: 0x12 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      // DLE EOT n requests are answered and kept out of the job (they may share a packet).
      const content: number[] = [];
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04 && i + 2 < chunk.length) {
          const n = chunk[i + 2];
          socket.write(Buffer.from([n === 1 ? status.printer : n === 2 ? status.offline : status.paper]));
          i += 2;
        } else content.push(chunk[i] ?? 0);
      }
      if (content.length > 0) chunks.push(Buffer.from(content));
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (chunks.length > 0) jobs.push(Buffer.concat(chunks));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    jobs,
    status,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

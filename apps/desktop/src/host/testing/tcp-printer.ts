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
      if (chunk.length === 3 && chunk[0] === 0x10 && chunk[1] === 0x04) {
        const byte = chunk[2] === 1 ? status.printer : chunk[2] === 2 ? status.offline : status.paper;
        socket.write(Buffer.from([byte]));
        return;
      }
      chunks.push(chunk);
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

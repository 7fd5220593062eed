import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback between a hub and the central server, so the chaos test can cut the
 * link between two real processes' worth of HTTP (the hub's upstream client uses plain fetch, which
 * no wrapper of ours sits in). Cut: every open connection is destroyed mid-flight and new ones are
 * refused, as a pulled cable or a dropped internet line would; healed, connections go through again.
 */
export class TcpLink {
  private readonly sockets = new Set<Socket>();
  private up = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async open(targetPort: number): Promise<TcpLink> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('tcp link: no port');
    const link = new TcpLink(server, address.port);
    server.on('connection', (client) => link.accept(client, targetPort));
    return link;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get online(): boolean {
    return this.up;
  }

  setOnline(online: boolean): void {
    this.up = online;
    if (!online) for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.setOnline(false);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    if (!this.up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      // One side failing (cut, or the central server restarting) ends both.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

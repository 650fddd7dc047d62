import * as net from 'node:net';

/** What the proxy does with the bytes of each new connection. */
export type ProxyMode =
  /** forward both ways */
  | 'forward'
  /** forward requests, then cut the client's socket instead of forwarding the first reply */
  | 'cut-on-reply'
  /** accept and read, never forward nor answer */
  | 'black-hole';

/**
 * A TCP proxy in front of a real gateway, for failure tests: it forwards real traffic, or cuts or
 * swallows it on command. It never answers on its own, so it is no stand-in for HBase.
 */
export class TcpProxy {
  mode: ProxyMode = 'forward';
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** Starts a proxy on a free loopback port. */
  static async start(upstreamHost: string, upstreamPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(upstreamHost, upstreamPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The port clients connect to. */
  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Drops every open connection. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    const mode = this.mode;
    if (mode === 'black-hole') {
      client.on('data', () => undefined);
      return;
    }
    const upstream = this.track(net.connect(this.upstreamPort, this.upstreamHost));
    client.pipe(upstream);
    if (mode === 'cut-on-reply') {
      upstream.once('data', () => client.destroy());
    } else {
      upstream.pipe(client);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}

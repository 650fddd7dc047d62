import * as net from 'node:net';

/** What the proxy does with the bytes of each new connection. */
export type ProxyMode =
  /** forward both ways */
  | 'forward'
  /** forward requests, then cut the client's socket instead of forwarding the first reply */
  | 'cut-on-reply'
  /** accept and read, never forward nor answer */
  | 'black-hole';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | undefined;
  /** The bit of this connection's reply stream to flip (from {@link TcpProxy.flipReplyBit}). */
  flipBit: number | undefined;
  /** Reply bytes forwarded so far on this connection. */
  replyBytes: number;
}

/**
 * A TCP proxy in front of a real gateway, for failure tests: it forwards real traffic, or delays,
 * cuts, stalls or swallows it on command, and can stop listening like a dead gateway. It never
 * answers on its own, so it is no stand-in for HBase.
 */
export class TcpProxy {
  mode: ProxyMode = 'forward';
  /** Milliseconds added before each chunk is forwarded (both ways). */
  delayMs = 0;
  /** Bytes received from clients since the proxy started, whatever the mode (0 means nothing sent). */
  bytesFromClients = 0;
  /**
   * When set, each connection accepted from now on gets this bit of its reply stream flipped
   * (bit `n` is bit `n % 8`, counted from the most significant, of byte `n / 8`): a corrupted
   * reply from the real gateway. Connections keep the value they were accepted with.
   */
  flipReplyBit: number | undefined;
  /** Reply bytes seen by the last connection accepted (to size a sweep of {@link flipReplyBit}). */
  lastReplyBytes = 0;
  private server: net.Server;
  private readonly pairs = new Set<Pair>();
  private listenPort = 0;

  private constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {
    this.server = this.createServer();
  }

  /** Starts a proxy on a free loopback port. */
  static async start(upstreamHost: string, upstreamPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(upstreamHost, upstreamPort);
    await proxy.listen();
    return proxy;
  }

  /** The port clients connect to. */
  get port(): number {
    return this.listenPort;
  }

  /** Client connections currently open. */
  get openConnections(): number {
    return this.pairs.size;
  }

  /** Drops every open connection. */
  cutAll(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
  }

  /** Stops forwarding replies on every open connection (they stay open, silent). */
  stallAll(): void {
    for (const pair of this.pairs) {
      pair.upstream?.removeAllListeners('data');
      pair.upstream?.on('data', () => undefined);
    }
  }

  /** Stops listening and drops every connection: to clients, the gateway is down. */
  async down(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port: the gateway is back. */
  async up(): Promise<void> {
    this.server = this.createServer();
    await this.listen(this.listenPort);
  }

  /** Stops for good. */
  async close(): Promise<void> {
    this.cutAll();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private createServer(): net.Server {
    return net.createServer((client) => this.accept(client));
  }

  private listen(port = 0): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.listenPort = (this.server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, upstream: undefined, flipBit: this.flipReplyBit, replyBytes: 0 };
    this.pairs.add(pair);
    client.on('error', () => undefined);
    client.on('data', (chunk: Buffer) => {
      this.bytesFromClients += chunk.length;
    });
    client.on('close', () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    if (this.mode === 'black-hole') {
      client.on('data', () => undefined);
      return;
    }
    const upstream = net.connect(this.upstreamPort, this.upstreamHost);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('close', () => client.destroy());
    const cutOnReply = this.mode === 'cut-on-reply';
    client.on('data', (chunk) => this.forward(chunk, upstream));
    upstream.on('data', (chunk) => {
      if (cutOnReply) client.destroy();
      else this.forward(this.corrupt(pair, chunk), client);
    });
  }

  /** Flips the pair's chosen bit if it falls in this chunk of its reply stream. */
  private corrupt(pair: Pair, chunk: Buffer): Buffer {
    const offset = pair.replyBytes;
    pair.replyBytes += chunk.length;
    this.lastReplyBytes = pair.replyBytes;
    if (pair.flipBit === undefined) return chunk;
    const index = Math.floor(pair.flipBit / 8) - offset;
    if (index < 0 || index >= chunk.length) return chunk;
    const copy = Buffer.from(chunk);
    copy[index]! ^= 0x80 >> (pair.flipBit % 8);
    return copy;
  }

  private forward(chunk: Buffer, to: net.Socket): void {
    if (this.delayMs > 0) setTimeout(() => to.destroyed || to.write(chunk), this.delayMs);
    else to.write(chunk);
  }
}

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An authenticating reverse proxy in front of a real HTTP-mode gateway, as deployments put one
 * (an API gateway, an nginx with auth_request): requests without `authorization` get 401, with a
 * wrong one 403, and the others are forwarded untouched to the gateway, whose answers come back
 * as they are. It answers only what a proxy answers on its own, never for HBase.
 */
export class HttpAuthProxy {
  /** Requests received, forwarded or not. */
  requests = 0;
  /** Requests forwarded to the gateway. */
  forwarded = 0;
  /** The next `count` requests are answered with `status` (a proxy whose upstream is unavailable). */
  failNext: { status: number; count: number } = { status: 503, count: 0 };

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
  ) {}

  /** Starts the proxy on a free loopback port, accepting `authorization: <expected>`. */
  static async start(upstreamHost: string, upstreamPort: number, expected: string): Promise<HttpAuthProxy> {
    let proxy: HttpAuthProxy | undefined;
    const server = http.createServer((request, response) => {
      proxy!.requests++;
      if (proxy!.failNext.count > 0) {
        proxy!.failNext.count--;
        request.resume();
        response.writeHead(proxy!.failNext.status).end();
        return;
      }
      const given = request.headers.authorization;
      if (given !== expected) {
        request.resume();
        response.writeHead(given === undefined ? 401 : 403, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
      proxy!.forwarded++;
      const upstream = http.request(
        {
          host: upstreamHost,
          port: upstreamPort,
          path: request.url,
          method: request.method,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new HttpAuthProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** Stops the proxy and drops its keep-alive sockets. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

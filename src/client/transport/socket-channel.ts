import * as net from 'node:net';
import * as tls from 'node:tls';
import { requireGss } from '../auth/open-context';
import type { SaslDataLayer } from '../auth/sasl-data-layer';
import { saslHandshake } from '../auth/sasl-handshake';
import {
  ConnectionClosedError,
  ConnectionFailedError,
  ProtocolMismatchError,
  type TimeoutError,
} from '../errors';
import { nodeTlsOptions } from './channel-options';
import { MessageReader } from './message-reader';
import { ThriftChannel } from './thrift-channel';

/** How long `close()` waits for the server to acknowledge before dropping the socket. */
const CLOSE_GRACE_MS = 1000;

/**
 * @internal A channel over one TCP (optionally TLS) socket, for gateways in socket mode with the
 * buffered or framed transport. Calls are pipelined: the gateway answers them in order.
 */
export class SocketChannel<C = unknown> extends ThriftChannel<C> {
  private socket: net.Socket | undefined;
  private closing: Promise<void> | undefined;
  /** Whether any byte arrived yet (the first ones tell an HTTP gateway apart). */
  private sawBytes = false;
  /** The SASL data phase (framing, wrapping), with `auth`. */
  private sasl: SaslDataLayer | undefined;
  /** A socket still connecting or authenticating: a close must not wait for its handshake. */
  private opening: net.Socket | undefined;

  open(): Promise<void> {
    const { host, port, timeout, tls: tlsOptions, auth } = this.options;
    if (auth) {
      // Without koffi or the system's GSS-API library, say what to install before connecting at all.
      try {
        requireGss();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const reader = new MessageReader(
      this.options.transport === 'framed' ? 'framed' : 'buffered',
      this.options.protocol,
      (t) => this.receive(t),
    );
    return new Promise<void>((resolve, reject) => {
      // Plain sockets read straight into the reader's buffer (`onread`): no chunk allocated per
      // read and no stream machinery per reply. TLS sockets hand over chunks.
      // With SASL the bytes are frames to unwrap first: chunks, not the reader's buffer.
      const socket = tlsOptions
        ? tls.connect({ host, port, ...nodeTlsOptions(host, tlsOptions) })
        : auth
          ? net.connect({ host, port })
          : net.connect({
              host,
              port,
              onread: {
                buffer: () => reader.freeSpace(),
                callback: (bytes, buffer) => {
                  this.onBytes(socket, reader, buffer as Buffer, bytes, true);
                  return true;
                },
              },
            });
      this.opening = socket;
      socket.once('close', () => {
        if (this.opening !== socket) return;
        this.opening = undefined;
        // Closed by the client before it connected (a handshake rejects on its own).
        clearTimeout(timer);
        reject(new ConnectionClosedError(`the connection to ${this.description} was closed by the client`));
      });
      const connectedEvent = tlsOptions ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new ConnectionFailedError(`cannot connect to ${this.description}: no answer within ${timeout} ms`),
        );
      }, timeout);
      const onError = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(
          new ConnectionFailedError(`cannot connect to ${this.description}: ${error.message}`, {
            cause: error,
          }),
        );
      };
      socket.once('error', onError);
      socket.once(connectedEvent, () => {
        clearTimeout(timer);
        socket.off('error', onError);
        if (!auth) {
          this.attach(socket, reader);
          resolve();
          return;
        }
        // The SASL handshake, after TLS if any; it settles within its own bound and destroys
        // the socket when it fails.
        socket.setNoDelay(true);
        saslHandshake(auth, {
          socket,
          host,
          description: this.description,
          timeoutMs: auth.handshakeTimeout ?? timeout,
        }).then(
          (layer) => {
            this.sasl = layer;
            this.attach(socket, reader);
            resolve();
          },
          (error: unknown) =>
            reject(
              this.closing
                ? new ConnectionClosedError(`the connection to ${this.description} was closed by the client`)
                : error,
            ),
        );
      });
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.onFailure = undefined; // a close asked for is no failure
      this.fail(new ConnectionClosedError(`the connection to ${this.description} was closed by the client`));
      // Still connecting or in its SASL handshake: dropped at once (the open then rejects).
      this.opening?.destroy();
      const socket = this.socket;
      if (!socket || socket.destroyed) return resolve();
      const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
    return this.closing;
  }

  protected send(message: Buffer): void {
    if (this.sasl) this.sasl.send(message);
    else this.socket!.write(message);
  }

  protected override drop(): void {
    this.sasl?.stop();
    this.socket?.destroy();
  }

  protected abandon(_seqid: number, error: TimeoutError): void {
    // The gateway answers calls on one socket strictly in order, so every later call is stuck
    // behind the one that timed out: fail them all and drop the socket.
    this.fail(
      new ConnectionClosedError(`the connection to ${this.description} was dropped after a timeout`, {
        cause: error,
      }),
    );
    this.socket?.destroy();
  }

  private attach(socket: net.Socket, reader: MessageReader): void {
    this.socket = socket;
    this.opening = undefined;
    // Calls are small request/reply messages: Nagle's algorithm would only add latency.
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    const sasl = this.sasl;
    if (sasl) {
      sasl.attach(
        (bytes) => socket.write(bytes),
        (bytes) => this.onBytes(socket, reader, bytes, bytes.length, false),
        (error) => {
          const detail = error instanceof Error ? error.message : String(error);
          this.fail(
            new ConnectionClosedError(
              `a SASL frame to or from ${this.description} could not be wrapped or unwrapped: ${detail}`,
              {
                cause: error,
              },
            ),
          );
          socket.destroy();
        },
      );
      socket.on('data', (chunk: Buffer) => sasl.received(chunk));
      socket.once('close', () => sasl.stop()); // frees the GSS context with the socket
    } else if (socket instanceof tls.TLSSocket) {
      socket.on('data', (chunk: Buffer) => this.onBytes(socket, reader, chunk, chunk.length, false));
    }
    socket.on('error', (error) => {
      this.fail(
        new ConnectionClosedError(`connection to ${this.description} failed: ${error.message}`, {
          cause: error,
        }),
      );
    });
    // 'end' (the server's FIN) comes before 'close': failing at once means the next call opens a
    // fresh socket instead of writing into one the server has already given up.
    socket.on('end', () => this.peerClosed());
    socket.on('close', () => this.peerClosed());
  }

  /** Bytes from the socket: either already in the reader's buffer (`inPlace`) or a chunk. */
  private onBytes(
    socket: net.Socket,
    reader: MessageReader,
    bytes: Buffer,
    length: number,
    inPlace: boolean,
  ): void {
    if (this.repliesReceived === 0 && !this.sawBytes && bytes.subarray(0, 5).toString('latin1') === 'HTTP/') {
      // Without this the decoder would read "HTTP" as a length and wait forever.
      this.fail(
        new ProtocolMismatchError(
          `the gateway at ${this.description} answered with HTTP: it runs in HTTP mode; use transport: 'http'`,
        ),
      );
      socket.destroy();
      return;
    }
    this.sawBytes = true;
    try {
      if (inPlace) reader.received(length);
      else reader.push(bytes);
      // The start of a reply when no call awaits one: bytes left over from a reply misread as
      // shorter than it was (a corrupted length), which would otherwise be taken for the start
      // of the next call's reply.
      if (reader.partial && !this.awaitingReplies) throw new Error('bytes that answer no call');
    } catch (error) {
      this.undecodable(error, reader.pending());
    }
  }

  private peerClosed(): void {
    // Closing without ever answering is what a gateway does with bytes in a transport or
    // protocol it does not expect; it is also what a dying gateway does, so name both.
    const hint =
      this.pendingCount > 0 && this.repliesReceived === 0
        ? ' before answering any call: it may expect a different transport (buffered/framed/http) or ' +
          'protocol (binary/compact), or it stopped'
        : '';
    this.fail(
      new ConnectionClosedError(`the connection to ${this.description} was closed by the server${hint}`),
    );
  }
}

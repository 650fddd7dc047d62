import * as http from 'node:http';
import * as https from 'node:https';
import { spnegoToken } from '../auth/spnego';
import {
  AuthenticationError,
  ConnectionClosedError,
  ConnectionFailedError,
  type HBaseError,
  HttpStatusError,
  ProtocolMismatchError,
  type TimeoutError,
} from '../errors';
import { MessageTransport } from '../protocol/thrift-lib';
import { type ChannelOptions, nodeTlsOptions } from './channel-options';
import type { ThriftApi } from './thrift-api';
import { ThriftChannel } from './thrift-channel';

/**
 * @internal A channel for gateways in HTTP mode (`hbase.regionserver.thrift.http=true`): each call
 * is one POST whose body is the encoded message. Requests run concurrently over keep-alive sockets.
 */
export class HttpChannel<C = unknown> extends ThriftChannel<C> {
  private readonly agent: http.Agent;
  private readonly requests = new Map<number, http.ClientRequest>();

  constructor(options: ChannelOptions, api: ThriftApi<C>) {
    super(options, api);
    const { host, tls } = this.options;
    this.agent = tls
      ? new https.Agent({ keepAlive: true, ...nodeTlsOptions(host, tls) })
      : new http.Agent({ keepAlive: true });
  }

  /** HTTP has nothing to open: the first call connects, and reports its own failure. */
  async open(): Promise<void> {}

  async close(): Promise<void> {
    this.onFailure = undefined; // a close asked for is no failure
    this.fail(new ConnectionClosedError(`the connection to ${this.description} was closed by the client`));
    for (const request of this.requests.values()) request.destroy();
    this.requests.clear();
    this.agent.destroy();
  }

  protected send(message: Buffer, seqid: number): void {
    if (this.options.auth) this.sendNegotiated(message, seqid, false);
    else this.post(message, seqid, undefined, false);
  }

  /**
   * Sends with a fresh SPNEGO token (see `spnegoToken`); `retried` says whether this is the one
   * retry a 401 earns. A token that cannot be made settles the call with its AuthenticationError.
   */
  private sendNegotiated(message: Buffer, seqid: number, retried: boolean): void {
    const { auth, host, timeout } = this.options;
    spnegoToken(auth!, host, this.description, auth!.handshakeTimeout ?? timeout).then(
      (token) => {
        // The call may have timed out, or the channel closed, while the token was made.
        if (!this.awaits(seqid) || !this.usable) return;
        try {
          this.post(message, seqid, token, retried);
        } catch (error) {
          // http.request refuses a header it cannot send: the call settles, never hangs.
          this.requestFailed(seqid, error as Error);
        }
      },
      (error: AuthenticationError) => this.settle(seqid, error),
    );
  }

  private post(message: Buffer, seqid: number, token: string | undefined, retried: boolean): void {
    const { host, port, tls, httpPath, httpHeaders, auth } = this.options;
    const headers: http.OutgoingHttpHeaders = {
      ...httpHeaders,
      'content-type': 'application/x-thrift',
      accept: 'application/x-thrift',
      'content-length': message.length,
    };
    if (token !== undefined) headers.authorization = `Negotiate ${token}`;
    if (auth?.doAs !== undefined) {
      headers.doAs = auth.doAs;
      // The gateway's server writes its error page (which names a refused impersonation) only for
      // a client that accepts HTML.
      headers.accept = 'application/x-thrift, text/html;q=0.1';
    }
    const request = (tls ? https : http).request({
      host,
      port,
      path: httpPath,
      method: 'POST',
      agent: this.agent,
      headers,
    });
    this.requests.set(seqid, request);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        this.requests.delete(seqid);
        if (response.statusCode === 401 && token !== undefined) {
          // One fresh token at most (a replayed or stale one), never a loop.
          if (!retried && /negotiate/i.test(String(response.headers['www-authenticate'] ?? ''))) {
            if (this.awaits(seqid)) this.sendNegotiated(message, seqid, true);
            return;
          }
          this.requestAnswered(seqid, this.refused(response.statusMessage));
          return;
        }
        // A doAs the gateway does not allow comes back as a 500 page naming Hadoop's
        // AuthorizationException (hadoop.proxyuser.*), not as a 401/403.
        if (auth?.doAs !== undefined && response.statusCode === 500 && namesAuthorizationFailure(chunks)) {
          this.requestAnswered(seqid, this.impersonationRefused());
          return;
        }
        if (response.statusCode !== 200) {
          this.requestAnswered(seqid, this.statusError(response.statusCode ?? 0, response.statusMessage));
          return;
        }
        this.receive(new MessageTransport(Buffer.concat(chunks)));
        // A body that held no complete reply leaves the call pending: settle it now.
        if (this.awaits(seqid)) this.requestAnswered(seqid, this.incompleteReply());
      });
      response.on('error', (error) => this.requestFailed(seqid, error));
    });
    request.on('error', (error) => this.requestFailed(seqid, error));
    request.end(message);
  }

  protected abandon(seqid: number, error: TimeoutError): void {
    // Other calls travel in their own requests, so only this one is given up.
    this.requests.get(seqid)?.destroy();
    this.requests.delete(seqid);
    this.onFailure?.(error);
  }

  /**
   * An answer other than 200 is an HTTP matter, not a Thrift one: say which status came back and
   * what usually causes it. The path is shown without its query (which may carry a token); header
   * values, which may carry credentials, never.
   */
  private statusError(status: number, statusMessage: string | undefined): HttpStatusError {
    const reason = statusMessage ? ` ${statusMessage.slice(0, 60)}` : '';
    const path = pathWithoutQuery(this.options.httpPath);
    let hint: string;
    if (status === 401 || status === 407) {
      hint =
        'the gateway, or a proxy in front of it, requires authentication: check the credentials sent in httpHeaders';
    } else if (status === 403) {
      hint = 'the gateway, or a proxy in front of it, refused the credentials or this client';
    } else if (status === 404) {
      hint = `is the path "${path}" right?`;
    } else if (status >= 500) {
      hint =
        `the gateway (or a proxy) failed to handle the request: is it an HBase Thrift gateway in HTTP ` +
        `mode, using the ${this.options.protocol} protocol, and is the path "${path}" right?`;
    } else {
      hint = `is it an HBase Thrift gateway in HTTP mode, and is the path "${path}" right?`;
    }
    return new HttpStatusError(
      `the gateway at ${this.description} answered HTTP ${status}${reason}: ${hint}`,
      status,
    );
  }

  /**
   * Settles the call of a request the gateway answered with `error` instead of a reply: a
   * transport failure (the connection's events, logs and pool statistics hear of it) unless the
   * call was settled already (a timeout or a close came first).
   */
  private requestAnswered(seqid: number, error: HBaseError): void {
    // A refused principal or impersonation is the caller's problem, not the gateway's: it must not
    // count as a transport failure (a pool would take a healthy gateway out of rotation).
    if (this.settle(seqid, error) && !(error instanceof AuthenticationError)) this.onFailure?.(error);
  }

  /** The gateway would not let the authenticated principal act as the doAs user. */
  private impersonationRefused(): AuthenticationError {
    return new AuthenticationError(
      `the gateway at ${this.description} does not allow this client principal to act as the doAs user ` +
        '(hadoop.proxyuser.<principal>.users/groups/hosts on the gateway)',
      'rejected',
    );
  }

  /** The gateway answered a SPNEGO token with 401 twice: it does not accept this client. */
  private refused(statusMessage: string | undefined): AuthenticationError {
    const doAs = this.options.auth?.doAs === undefined ? '' : ', or may not act for the doAs user';
    return new AuthenticationError(
      `the gateway at ${this.description} refused the SPNEGO authentication (HTTP 401` +
        `${statusMessage ? ` ${statusMessage.slice(0, 60)}` : ''}): it does not accept this client principal${doAs} ` +
        '(check hbase.thrift.spnego.principal and its keytab on the gateway)',
      'rejected',
    );
  }

  private incompleteReply(): ProtocolMismatchError {
    return new ProtocolMismatchError(
      `the reply from ${this.description} was incomplete or in another protocol (this client uses ` +
        `${this.options.protocol})`,
    );
  }

  private requestFailed(seqid: number, error: Error): void {
    this.requests.delete(seqid);
    const code = (error as NodeJS.ErrnoException).code;
    const ErrorClass =
      code === 'ECONNRESET' || code === 'EPIPE' ? ConnectionClosedError : ConnectionFailedError;
    const failure = new ErrorClass(`request to ${this.description} failed: ${error.message}`, {
      cause: error,
    });
    // A request aborted by a timeout or a close was settled already: only a live one is a failure.
    if (this.settle(seqid, failure)) this.onFailure?.(failure);
  }
}

/** The path without its query string, which may carry a token: messages must not show it. */
function pathWithoutQuery(path: string): string {
  const query = path.indexOf('?');
  return query < 0 ? path : `${path.slice(0, query)}?…`;
}

/** Whether an error page names Hadoop's AuthorizationException (only its first 4 KiB are read). */
function namesAuthorizationFailure(chunks: Buffer[]): boolean {
  return Buffer.concat(chunks).subarray(0, 4096).toString('latin1').includes('AuthorizationException');
}

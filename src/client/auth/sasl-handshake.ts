import type * as net from 'node:net';
import { AuthenticationError, ConnectionFailedError, type HBaseError } from '../errors';
import type { ResolvedAuth } from './auth-options';
import type { GssClientContext } from './gss/gss-context';
import { kerberosFailure } from './gss-failure';
import { openGssContext } from './open-context';
import { SaslDataLayer } from './sasl-data-layer';
import { encodeSaslMessage, SaslByteQueue, type SaslMessage, SaslStatus } from './sasl-frames';
import { frameLimit, layerReply, offeredQops, parseLayerOffer, QOP_LAYER } from './security-layer';

/** @internal Where the handshake runs and how long it may take. */
export interface HandshakeTarget {
  /** The connected socket (after TLS, if any); nothing else reads it during the handshake. */
  socket: net.Socket;
  /** The host connected to: the default host part of the service principal. */
  host: string;
  /** The gateway, for messages. */
  description: string;
  timeoutMs: number;
}

/**
 * @internal Runs the client side of Thrift's SASL GSSAPI handshake (TSaslClientTransport, RFC
 * 4752) on a connected socket and returns the data layer for the frames that follow. Settles
 * within `timeoutMs` whatever the gateway does (the socket is destroyed on every failure); every
 * failure is an {@link AuthenticationError}.
 */
export function saslHandshake(auth: ResolvedAuth, target: HandshakeTarget): Promise<SaslDataLayer> {
  const { socket, description, timeoutMs } = target;
  const queue = new SaslByteQueue();
  let waiting: ((message: SaslMessage) => void) | undefined;
  let failed: HBaseError | undefined;
  let rejectAll: ((error: HBaseError) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const fail = (error: HBaseError): void => {
    if (failed) return;
    failed = error;
    socket.destroy();
    rejectAll?.(error);
  };
  const onData = (chunk: Buffer): void => {
    queue.push(chunk);
    deliver();
  };
  const deliver = (): void => {
    if (!waiting) return;
    let message: SaslMessage | undefined;
    try {
      message = queue.nextMessage();
    } catch (error) {
      const http = queue.length >= 5 && queue.drain().subarray(0, 5).toString('latin1') === 'HTTP/';
      fail(
        new AuthenticationError(
          `the gateway at ${description} does not speak SASL (${http ? 'it runs in HTTP mode: use transport ' + "'http'" : (error as Error).message})`,
          'protocol',
        ),
      );
      return;
    }
    if (message === undefined) return;
    const resolve = waiting;
    waiting = undefined;
    resolve(message);
  };
  const onClose = (): void =>
    fail(
      new AuthenticationError(
        `the gateway at ${description} closed the connection during the SASL handshake: is it a secure ` +
          'gateway (hbase.thrift.security.qop) in socket mode, and does it accept this client principal?',
        'protocol',
      ),
    );
  // A socket error (reset, timeout: e.g. a gateway restarting) is a transport failure, which retries
  // and failover may repeat elsewhere; only what the gateway says in SASL is an authentication one.
  const onError = (error: Error): void =>
    fail(
      new ConnectionFailedError(
        `the connection to ${description} failed during the SASL handshake: ${error.message}`,
        {
          cause: error,
        },
      ),
    );
  const receive = (): Promise<SaslMessage> =>
    new Promise<SaslMessage>((resolve) => {
      waiting = resolve;
      deliver();
    });

  let context: GssClientContext | undefined;
  const run = async (): Promise<SaslDataLayer> => {
    const hostname = auth.hostname ?? target.host;
    const service = auth.service ?? 'hbase';
    const principalName = `${service}/${hostname}`;
    context = openGssContext(auth, service, hostname, 'kerberos', description);
    const gss = context;
    let token: Buffer;
    try {
      token = await gss.step();
    } catch (error) {
      throw kerberosFailure(`service principal ${principalName}`, description, error);
    }
    socket.write(
      Buffer.concat([
        encodeSaslMessage(SaslStatus.START, Buffer.from('GSSAPI', 'utf8')),
        encodeSaslMessage(SaslStatus.OK, token),
      ]),
    );
    // Context establishment: as many round trips as Kerberos needs (one with mutual auth).
    let message = await receive();
    while (!gss.complete) {
      rejectIfRefused(message, description);
      try {
        token = await gss.step(message.payload);
      } catch (error) {
        throw kerberosFailure(`the gateway's answer for ${principalName}`, description, error);
      }
      socket.write(encodeSaslMessage(SaslStatus.OK, token));
      message = await receive();
    }
    // The security-layer offer (RFC 4752 §3.1), checked before any answer is sent.
    rejectIfRefused(message, description);
    let offer: ReturnType<typeof parseLayerOffer>;
    try {
      offer = parseLayerOffer(gss.unwrap(message.payload).data);
    } catch (error) {
      throw kerberosFailure("unwrapping the gateway's security-layer offer", description, error);
    }
    if ((offer.layers & QOP_LAYER[auth.qop]) === 0) {
      throw new AuthenticationError(
        `the gateway at ${description} offers qop ${offeredQops(offer.layers).join(', ') || '(none)'}, not ` +
          `${auth.qop} as auth.qop asks (hbase.thrift.security.qop on the gateway)`,
        'qop-mismatch',
      );
    }
    socket.write(encodeSaslMessage(SaslStatus.COMPLETE, gss.wrap(layerReply(auth.qop), false)));
    const last = await receive();
    rejectIfRefused(last, description);
    if (last.status !== SaslStatus.COMPLETE) {
      throw new AuthenticationError(
        `the gateway at ${description} did not complete the SASL handshake (status ${last.status})`,
        'protocol',
      );
    }
    const confidential = auth.qop === 'auth-conf';
    return new SaslDataLayer(
      auth.qop === 'auth' ? undefined : { context: gss, confidential },
      auth.qop === 'auth'
        ? frameLimit(offer.maxBuffer)
        : gss.maxWrapInput(frameLimit(offer.maxBuffer), confidential),
      queue.drain(),
    );
  };

  return new Promise<SaslDataLayer>((resolve, reject) => {
    rejectAll = reject;
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('end', onClose);
    socket.once('error', onError);
    timer = setTimeout(
      () =>
        fail(
          new AuthenticationError(
            `the SASL handshake with ${description} did not complete within ${timeoutMs} ms: is it a ` +
              'secure gateway (hbase.thrift.security.qop) in socket mode?',
            'handshake-timeout',
          ),
        ),
      timeoutMs,
    );
    run().then(
      (layer) => {
        if (failed) return layer.stop();
        if (auth.qop === 'auth') context?.dispose(); // no wrapping: the context is done with
        resolve(layer);
      },
      (error: unknown) =>
        fail(
          error instanceof AuthenticationError ? error : kerberosFailure('the handshake', description, error),
        ),
    );
  }).finally(() => {
    clearTimeout(timer);
    if (failed) context?.dispose();
    socket.off('data', onData);
    socket.off('close', onClose);
    socket.off('end', onClose);
    socket.off('error', onError);
  });
}

/** Throws for a BAD or ERROR message: the gateway refused, and says why. */
function rejectIfRefused(message: SaslMessage, description: string): void {
  if (message.status !== SaslStatus.BAD && message.status !== SaslStatus.ERROR) return;
  const text = message.payload.toString('utf8').slice(0, 300);
  throw new AuthenticationError(
    `the gateway at ${description} refused the SASL authentication: ${text || '(no reason given)'}`,
    'rejected',
  );
}

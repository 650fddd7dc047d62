import type { SaslQop } from './auth-options';

/** RFC 4752 security-layer bits, in the first byte of the layer messages. */
/** @internal No security layer (`auth`). */
export const LAYER_NONE = 1;
/** @internal Signed frames (`auth-int`). */
export const LAYER_INTEGRITY = 2;
/** @internal Encrypted frames (`auth-conf`). */
export const LAYER_CONFIDENTIALITY = 4;

/** @internal The layer bit of each QOP. */
export const QOP_LAYER: Readonly<Record<SaslQop, number>> = {
  auth: LAYER_NONE,
  'auth-int': LAYER_INTEGRITY,
  'auth-conf': LAYER_CONFIDENTIALITY,
};

/** The largest wrapped frame this client accepts, said to the gateway (3 bytes: 16 MiB - 1). */
export const CLIENT_MAX_BUFFER = 0xffffff;

/** @internal What the gateway offers in its last GSSAPI challenge (RFC 4752 §3.1), unwrapped. */
export interface LayerOffer {
  /** Bit mask of {@link LAYER_NONE}, {@link LAYER_INTEGRITY}, {@link LAYER_CONFIDENTIALITY}. */
  layers: number;
  /** The largest wrapped frame the gateway accepts. */
  maxBuffer: number;
}

/** @internal Reads the 4-byte offer: a layer mask, then a 3-byte big-endian max buffer size. */
export function parseLayerOffer(bytes: Buffer): LayerOffer {
  if (bytes.length !== 4) throw new Error(`a security-layer offer of ${bytes.length} bytes (4 expected)`);
  return { layers: bytes[0]!, maxBuffer: bytes.readUIntBE(1, 3) };
}

/** @internal The QOPs an offer's mask allows, for messages. */
export function offeredQops(layers: number): SaslQop[] {
  return (Object.keys(QOP_LAYER) as SaslQop[]).filter((qop) => (layers & QOP_LAYER[qop]) !== 0);
}

/**
 * @internal The client's answer (to be gss-wrapped): the chosen layer, the largest wrapped frame
 * the client accepts — 0 without a layer, as RFC 4752 requires — and no authorization id (the
 * gateway then takes the authenticated principal as the user).
 */
export function layerReply(qop: SaslQop): Buffer {
  const reply = Buffer.alloc(4);
  reply[0] = QOP_LAYER[qop];
  reply.writeUIntBE(qop === 'auth' ? 0 : CLIENT_MAX_BUFFER, 1, 3);
  return reply;
}

/**
 * @internal The largest data frame the gateway takes, from its offer: an offer of 0 (or an absurdly
 * small one) sets no usable bound, so Java's default (64 KiB) is assumed. Wrapped frames are cut
 * to fit it with gss_wrap_size_limit.
 */
export function frameLimit(maxBuffer: number): number {
  return maxBuffer >= 1024 ? maxBuffer : 65_536;
}

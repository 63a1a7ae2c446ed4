const encoder = new TextEncoder();

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The bytes as WebCrypto's types want them (a copy when they sit on a shared buffer). */
const ownBytes = (data: Uint8Array): Uint8Array<ArrayBuffer> =>
  data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);

async function hmacKey(secret: Uint8Array<ArrayBuffer> | ArrayBuffer): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** Compares two strings in time that depends on their length only. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The driver's own HMAC keys, derived from the publisher key (HMAC-SHA256 with a label each), so a restart or another
 * instance with the same key derives the same ones and nothing more has to be kept:
 * - the **init token** of a bill, carried by the launch payload, so only its holder can start the bill's Steam order;
 * - the **notification key** signing the reversal poller's notifications to `POST /v1/notify/steam`.
 * Neither reveals the publisher key (HMAC is one-way).
 */
export class SteamSecrets {
  private constructor(
    private readonly tokenKey: CryptoKey,
    private readonly notificationKey: CryptoKey,
  ) {}

  /** Derives both keys from the publisher key. */
  static async create(publisherKey: string): Promise<SteamSecrets> {
    const root = await hmacKey(encoder.encode(publisherKey));
    const derive = async (label: string) => hmacKey(await crypto.subtle.sign('HMAC', root, encoder.encode(label)));
    return new SteamSecrets(await derive('coinslot-steam/init-token'), await derive('coinslot-steam/notification'));
  }

  /** The init token of a bill: 16 bytes of HMAC, hex. */
  async initToken(billId: string): Promise<string> {
    return hex(await crypto.subtle.sign('HMAC', this.tokenKey, encoder.encode(billId))).slice(0, 32);
  }

  /** Whether `token` is the bill's init token. */
  async checkInitToken(billId: string, token: string): Promise<boolean> {
    return sameText(await this.initToken(billId), token.toLowerCase());
  }

  /** The hex signature of a notification body. */
  async signNotification(body: string): Promise<string> {
    return hex(await crypto.subtle.sign('HMAC', this.notificationKey, encoder.encode(body)));
  }

  /** Whether `signature` (hex, either case) signs exactly `body`. */
  async verifyNotification(body: Uint8Array, signature: string): Promise<boolean> {
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
    const bytes = new Uint8Array(signature.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));
    return crypto.subtle.verify('HMAC', this.notificationKey, bytes, ownBytes(body));
  }
}

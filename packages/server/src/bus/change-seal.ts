import { decodeBase64Url, encodeBase64Url } from '@coinslot/protocol';
import type { BillTokens } from '../auth/bill-tokens.js';
import { hmacSha256, sameBytes } from '../signing/hmac-sha256.js';
import type { CommittedChange } from '../waits/waiter-registry.js';

const encoder = new TextEncoder();

/** A sealed change stays under PostgreSQL's 8,000-byte `NOTIFY` payload with the bill id in front; longer: not sent. */
const MAX_SEALED_LENGTH = 7000;

/**
 * Seals a change an instance committed, so that another instance's held waits may answer it without reading the store
 * (see `committedSuccessor` in routes/wait-result.ts): `base64url(mac) \n {"from":…,"to":…}`, the MAC an HMAC-SHA256
 * over the bill id and the JSON under a key derived from the instances' shared `billTokenSecret`.
 *
 * Why a MAC: anyone who can publish on the bus — on PostgreSQL any role that may connect to the database, a read-only
 * one included (`NOTIFY` checks no privilege); on Redis anyone with its password — could otherwise make a held wait
 * sign a state the bill never had. Without the secret a message can only wake holds, which then read the store, as
 * every wake-up did before. A replayed genuine message is harmless: a wait uses a change only when its own last read
 * was exactly the change's `from`, which a bill never shows again once the change is stored.
 */
export class ChangeSeal {
  private constructor(private readonly key: CryptoKey) {}

  /** The seal of the instances sharing `billTokens`' secret. */
  static async create(billTokens: BillTokens): Promise<ChangeSeal> {
    return new ChangeSeal(await billTokens.deriveKey('coinslot/bus/committed-change/v1'));
  }

  /** The sealed change, or `undefined` when it would be too long for a bus message (then only the id is sent). */
  async seal(billId: string, change: CommittedChange): Promise<string | undefined> {
    const json = JSON.stringify({ from: change.from, to: change.to });
    if (json.length > MAX_SEALED_LENGTH - 44) return undefined;
    return `${encodeBase64Url(await this.#mac(billId, json))}\n${json}`;
  }

  /** The change `sealed` carries for `billId`, or `undefined` when its MAC or its shape is wrong. Never throws. */
  async open(billId: string, sealed: string): Promise<CommittedChange | undefined> {
    const newline = sealed.indexOf('\n');
    if (newline < 0) return undefined;
    const mac = decodeBase64Url(sealed.slice(0, newline));
    const json = sealed.slice(newline + 1);
    if (mac === undefined || mac.length !== 32 || !sameBytes(await this.#mac(billId, json), mac)) return undefined;
    try {
      const { from, to } = JSON.parse(json) as Partial<CommittedChange>;
      return from?.id === billId && to?.id === billId ? { from, to } : undefined;
    } catch {
      return undefined;
    }
  }

  #mac(billId: string, json: string): Promise<Uint8Array> {
    return hmacSha256(this.key, encoder.encode(`${billId}\n${json}`));
  }
}

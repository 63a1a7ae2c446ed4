import type { Bill } from '@coinslot/protocol';
import { decodeBase64Url, encodeBase64Url } from '@coinslot/protocol';
import type { BillTokens } from '../auth/bill-tokens.js';
import { hmacSha256, sameBytes } from '../signing/hmac-sha256.js';
import type { CommittedChange, LocalChange } from '../waits/committed-change.js';

const encoder = new TextEncoder();

/** A sealed change stays under PostgreSQL's 8,000-byte `NOTIFY` payload with the bill id in front; longer: not sent. */
const MAX_SEALED_LENGTH = 7000;
/** base64url of a 32-byte MAC. */
const MAC_LENGTH = 43;

/**
 * Seals a change an instance committed, so that a hold on another instance may answer it without reading the store
 * (waits/committed-change.ts): `base64url(mac) \n <the bill as stored, JSON>`, the MAC an HMAC-SHA256 of
 * `billId \n <the replaced bill, JSON> \n <the stored bill, JSON>` under a key derived from the instances' shared
 * `billTokenSecret`. The replaced bill is not sent: a hold checks the MAC with its own last read in its place, so the
 * one check says both that an instance with the secret made the change and that it replaced exactly what the hold read.
 *
 * Why a MAC: anyone who can publish on the bus — on PostgreSQL any role that may connect to the database, a read-only
 * one included (`NOTIFY` checks no privilege); on Redis anyone with its password — could otherwise make a held wait
 * sign a state the bill never had. Without the secret a message only wakes holds, which then read the store, as every
 * wake-up did before. A replayed genuine message is harmless: its MAC matches only a hold whose last read is the
 * bill the change replaced, which a bill never shows again once the change is stored.
 */
export class ChangeSeal {
  private constructor(private readonly key: CryptoKey) {}

  /** The seal of the instances sharing `billTokens`' secret. */
  static async create(billTokens: BillTokens): Promise<ChangeSeal> {
    return new ChangeSeal(await billTokens.deriveKey('coinslot/bus/committed-change/v1'));
  }

  /** The sealed change, or `undefined` when it would be too long for a bus message (then only the id is sent). */
  async seal(billId: string, change: LocalChange): Promise<string | undefined> {
    const toJson = JSON.stringify(change.to);
    if (toJson.length > MAX_SEALED_LENGTH - MAC_LENGTH - 1) return undefined;
    return `${encodeBase64Url(await this.#mac(billId, change.fromJson, toJson))}\n${toJson}`;
  }

  /** The change `sealed` carries for `billId`, to be checked by each hold it wakes; `undefined` when malformed. */
  open(billId: string, sealed: string): CommittedChange | undefined {
    const newline = sealed.indexOf('\n');
    if (newline !== MAC_LENGTH) return undefined;
    const mac = decodeBase64Url(sealed.slice(0, newline));
    if (mac === undefined || mac.length !== 32) return undefined;
    return new SealedChange(this, billId, mac, sealed.slice(newline + 1));
  }

  /** Whether `mac` seals the change of `billId` from `fromJson` to `toJson`, compared in constant time. */
  async verifies(mac: Uint8Array, billId: string, fromJson: string, toJson: string): Promise<boolean> {
    return sameBytes(await this.#mac(billId, fromJson, toJson), mac);
  }

  #mac(billId: string, fromJson: string, toJson: string): Promise<Uint8Array> {
    return hmacSha256(this.key, encoder.encode(`${billId}\n${fromJson}\n${toJson}`));
  }
}

/** A change another instance sealed: its stored bill, for a hold whose last read the MAC confirms. */
class SealedChange implements CommittedChange {
  constructor(
    private readonly seal: ChangeSeal,
    private readonly billId: string,
    private readonly mac: Uint8Array,
    private readonly toJson: string,
  ) {}

  async after(seen: string): Promise<Bill | undefined> {
    if (!(await this.seal.verifies(this.mac, this.billId, seen, this.toJson))) return undefined;
    try {
      const to = JSON.parse(this.toJson) as Bill | null;
      return to?.id === this.billId ? to : undefined;
    } catch {
      return undefined;
    }
  }
}

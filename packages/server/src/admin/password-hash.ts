import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The cost of a new hash: scrypt with N = 2^17, r = 8, p = 1 (OWASP's recommended minimum), 16 random bytes of salt
 * and a 32-byte key. Stored as `scrypt$ln=17,r=8,p=1$<salt base64url>$<key base64url>` so the cost can rise later
 * while old hashes still verify.
 */
const COST = { ln: 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

interface Parsed {
  ln: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, cost: { ln: number; r: number; p: number }, bytes: number) {
  const N = 2 ** cost.ln;
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      bytes,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** `hash` read back, or `undefined` when it is not a hash this server writes (or too cheap to trust: ln < 14). */
export function parsePasswordHash(hash: string): Parsed | undefined {
  const match = FORMAT.exec(hash);
  if (!match) return undefined;
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (ln < 14 || ln > 22 || r < 1 || p < 1) return undefined;
  return { ln, r, p, salt: Buffer.from(match[4]!, 'base64url'), key: Buffer.from(match[5]!, 'base64url') };
}

/** Hashes `password` for `admin.users[].passwordHash` (what `coinslot-server admin hash-password` prints). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST, KEY_BYTES);
  return `scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `password` is the one `hash` was made from; compares in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parsePasswordHash(hash);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

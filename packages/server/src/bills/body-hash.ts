import { sha256 } from '../signing/sha256.js';

/** JSON with every object's keys sorted, recursively: equal for bodies equal after parsing and key sorting. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the canonical JSON of `value`: what idempotency records compare. */
export async function bodyHash(value: unknown): Promise<string> {
  const digest = await sha256(canonicalJson(value));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

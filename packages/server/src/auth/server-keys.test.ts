import { describe, expect, it } from 'vitest';
import { ServerKeys } from './server-keys.js';

const KEY_A = `csk_${'a'.repeat(43)}`;
const KEY_B = `csk_${'b'.repeat(43)}`;

describe('ServerKeys', () => {
  it('matches any configured key and nothing else', async () => {
    const keys = await ServerKeys.create([KEY_A, KEY_B]);
    expect(await keys.matches(KEY_A)).toBe(true);
    expect(await keys.matches(KEY_B)).toBe(true);
    expect(await keys.matches(`csk_${'c'.repeat(43)}`)).toBe(false);
    expect(await keys.matches(KEY_A.slice(0, -1))).toBe(false);
    expect(await keys.matches('')).toBe(false);
  });

  it('refuses keys without the csk_ prefix or shorter than 32 characters after it', async () => {
    await expect(ServerKeys.create(['sk_live_whatever_long_enough_to_pass_the_length'])).rejects.toThrow(/csk_/);
    await expect(ServerKeys.create([`csk_${'a'.repeat(31)}`])).rejects.toThrow(/at least 32/);
  });
});

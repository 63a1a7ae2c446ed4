import { describe, expect, it } from 'vitest';
import { createPayServer, createSandboxDriver } from './web.js';
import { resolveOptions } from './options.js';

describe('options', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveOptions({});
    expect(resolved).toMatchObject({
      holdMs: 25_000,
      billTtlMs: 900_000,
      maxBodyBytes: 65_536,
      publicUrl: undefined,
      corsOrigins: '*',
      sweepIntervalMs: 30_000,
      idempotencyTtlMs: 86_400_000,
      catalog: undefined,
    });
    expect(resolveOptions({ publicUrl: 'https://pay.example.com/base/' }).publicUrl).toBe(
      'https://pay.example.com/base',
    );
  });

  it('refuses bad options with a TypeError naming the option', async () => {
    expect(() => resolveOptions({ holdSeconds: 30 })).toThrow(/holdSeconds/);
    expect(() => resolveOptions({ holdSeconds: 0 })).toThrow(/holdSeconds/);
    expect(() => resolveOptions({ maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
    expect(() => resolveOptions({ publicUrl: 'ftp://pay.example.com' })).toThrow(/publicUrl/);
    expect(() => resolveOptions({ publicUrl: 'pay.example.com' })).toThrow(/publicUrl/);
    expect(() => resolveOptions({ catalog: { gem: { amount: 4.99, currency: 'USD' } } })).toThrow(/catalog entry gem/);
    expect(() => resolveOptions({ catalog: { gem: { amount: 499, currency: 'usd' } } })).toThrow(/catalog entry gem/);
    const sandbox = createSandboxDriver();
    await expect(createPayServer({ auth: { development: true }, drivers: [sandbox, sandbox] })).rejects.toThrow(
      /Two drivers/,
    );
    await expect(
      createPayServer({ auth: { development: true }, drivers: [{ ...sandbox, id: 'Bad Id' }] }),
    ).rejects.toThrow(/driver id/);
    expect(() => createSandboxDriver({ secret: 'short' })).toThrow(/16 characters/);
  });
});

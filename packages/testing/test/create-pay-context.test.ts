import { describe, expect, it } from 'vitest';
import { createPayContext } from '../src/browser-fakes.js';

describe('createPayContext', () => {
  it('gives a web game’s popup context for bill b_1 with a fresh signal, and keeps what the test overrides', () => {
    const launch = { checkoutUrl: 'https://pay.test/checkout/1' };
    const context = createPayContext<{ locale: string }>({
      serverUrl: 'https://pay.test',
      launch,
      options: { locale: 'pt-BR' },
    });
    expect(context).toMatchObject({ platform: 'web', presentation: 'popup', bill: { id: 'b_1' }, launch });
    expect(context.options).toEqual({ locale: 'pt-BR' });
    expect(context.signal.aborted).toBe(false);
    expect(createPayContext({ serverUrl: 'https://pay.test', launch }).signal).not.toBe(context.signal);
    expect(createPayContext({ serverUrl: 'https://pay.test', launch, presentation: 'redirect' }).presentation).toBe(
      'redirect',
    );
  });
});

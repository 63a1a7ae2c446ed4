import type { Coinslot } from '@coinslot/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createPayServerDouble } from '../double/create-pay-server-double.js';
import type { PayServerDouble, PayServerDoubleOptions } from '../double/pay-server-double.js';

/** What {@link useDoubleOnMsw} gives a test file. */
export interface DoubleOnMsw {
  /** msw's Node interceptor, listening for the whole file (unhandled requests fail the test). */
  readonly msw: ReturnType<typeof setupServer>;
  /** This test's double: a fresh one per test, closed after it. */
  readonly double: PayServerDouble;
  /** Games the test made; each is disposed after the test. */
  readonly games: Coinslot[];
}

/**
 * The package's own tests, set up as a game's tests would be: msw in Node, a new pay-server double per test with
 * its handlers installed, and every game disposed afterwards.
 */
export function useDoubleOnMsw(options?: PayServerDoubleOptions): DoubleOnMsw {
  const msw = setupServer();
  const games: Coinslot[] = [];
  let current: PayServerDouble | undefined;

  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  beforeEach(async () => {
    current = await createPayServerDouble(options);
    msw.use(...current.handlers);
  });
  afterEach(async () => {
    await Promise.all(games.splice(0).map((game) => game.dispose()));
    msw.resetHandlers();
    await current?.close();
    current = undefined;
  });
  afterAll(() => msw.close());

  return {
    msw,
    games,
    get double() {
      if (current === undefined) throw new Error('the double exists only while a test runs');
      return current;
    },
  };
}

// A planted connection attempt that the test catches and ignores, run by test/no-network.test.ts in a child Vitest
// run: the test passes, but the run must fail, since the guard recorded the attempt.
import { expect, it } from 'vitest';

it('swallows the refusal of a connection to api.stripe.com', async () => {
  const failure = await fetch('https://api.stripe.com/v1/charges').catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(Error);
});

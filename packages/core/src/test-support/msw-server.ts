import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createFakePayServer, type FakePayServer } from './fake-pay-server.js';

/** Set up msw for a test file and a fresh fake pay server per test. Unhandled requests fail the test. */
export function useFakePayServer(): { server: ReturnType<typeof setupServer>; fake: () => FakePayServer } {
  const server = setupServer();
  let current: FakePayServer | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(async () => {
    current = await createFakePayServer();
    server.use(...current.handlers);
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    fake: () => {
      if (!current) throw new Error('the fake pay server exists only inside a test');
      return current;
    },
  };
}

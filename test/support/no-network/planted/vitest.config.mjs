// The child Vitest run of test/no-network.test.ts: only the planted test, with the suite's no-network setup.
import { fileURLToPath } from 'node:url';

export default {
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['planted-attempt.fixture.ts'],
    setupFiles: [fileURLToPath(new URL('../vitest-setup.ts', import.meta.url))],
  },
};

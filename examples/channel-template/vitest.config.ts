import { defineConfig } from 'vitest/config';

// The package's own test run (`npm test`). The conformance checks set their own timeouts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});

import { classifyLoadError } from '@coinslot/core';
import type { createPayServerDouble } from '../double/create-pay-server-double.js';

/** The pay-server double's module. */
export interface DoubleModule {
  createPayServerDouble: typeof createPayServerDouble;
}

/**
 * A clear error for a failed import when the cause is that `msw` (an optional peer) is not installed, else
 * `undefined`. The suite needs msw only for its default server, the pay-server double.
 */
export function mswNotInstalled(error: unknown): Error | undefined {
  if (classifyLoadError(error, 'msw') !== 'not-installed') return undefined;
  return new Error(
    'runChannelConformance: the default server is the pay-server double, which needs msw ^2.15 (npm install --save-dev msw). ' +
      'Install it, or run the suite against a real pay server: server: { url } or server: { start }.',
    { cause: error },
  );
}

/**
 * Import the pay-server double only when the suite runs on it, so `@coinslot/testing/conformance` loads without
 * msw against a real server. `load` is replaceable for tests.
 * @throws Error saying how to fix it when msw is not installed
 */
export async function importPayServerDouble(
  load: () => Promise<DoubleModule> = () => import('../double/create-pay-server-double.js'),
): Promise<DoubleModule> {
  try {
    return await load();
  } catch (error) {
    throw mswNotInstalled(error) ?? error;
  }
}

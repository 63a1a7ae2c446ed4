/**
 * `@coinslot/testing/client-bundle`: the check that a channel's client entry carries no server code or secrets.
 * Node only; needs `esbuild` and `vitest`.
 */
export { createClientBundleCheck } from './client-bundle/client-bundle-check.js';
export type { ClientBundle, ClientBundleCheck, ClientBundleCheckOptions } from './client-bundle/client-bundle-check.js';

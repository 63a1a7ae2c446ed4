/**
 * `@coinslot/testing/browser-fakes`: a fake browser window and the popups it opens, and the context core passes to
 * `pay()`, for a channel adapter's tests in Node. No dependency: safe to import from any test.
 */
export { FakePopup } from './browser-fakes/fake-popup.js';
export { installFakeBrowser } from './browser-fakes/install-fake-browser.js';
export type { FakeBrowser } from './browser-fakes/install-fake-browser.js';
export { createPayContext } from './browser-fakes/create-pay-context.js';

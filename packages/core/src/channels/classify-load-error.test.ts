import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classifyLoadError } from './classify-load-error.js';

const PKG = '@acme/channel-steam';
const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
const typeError = (message: string) => new TypeError(message);
const chunkError = (message: string) => Object.assign(new Error(message), { name: 'ChunkLoadError' });

describe('classifyLoadError', () => {
  it.each([
    [
      'Node ESM, the package itself',
      coded(`Cannot find package '${PKG}' imported from /app/main.js`, 'ERR_MODULE_NOT_FOUND'),
    ],
    [
      'Node CJS, the package itself',
      coded(`Cannot find module '${PKG}'\nRequire stack:\n- /app/main.js`, 'MODULE_NOT_FOUND'),
    ],
    ['a subpath of the package', coded(`Cannot find module '${PKG}/electron'`, 'MODULE_NOT_FOUND')],
    [
      'Chromium bare specifier',
      typeError(
        `Failed to resolve module specifier "${PKG}". Relative references must start with either "/", "./", or "../".`,
      ),
    ],
    [
      'Firefox bare specifier',
      typeError(`The specifier “${PKG}” was a bare specifier, but was not remapped to anything.`),
    ],
    ['Vite', new Error(`Failed to load url ${PKG} (resolved id: ${PKG}) in /src/main.ts. Does the file exist?`)],
  ])('%s → not-installed', (_, error) => {
    expect(classifyLoadError(error, PKG)).toBe('not-installed');
  });

  it.each([
    [
      'the adapter’s own dependency (ESM)',
      coded(
        `Cannot find package 'steamworks.js' imported from /app/node_modules/${PKG}/dist/index.js`,
        'ERR_MODULE_NOT_FOUND',
      ),
    ],
    ['the adapter’s own dependency (browser)', typeError('Failed to resolve module specifier "steamworks.js".')],
    ['a look-alike package', coded(`Cannot find module '${PKG}-extra'`, 'MODULE_NOT_FOUND')],
    [
      'a missing file of the installed package',
      coded(
        `Cannot find module '/app/node_modules/${PKG}/dist/index.js' imported from /app/main.js`,
        'ERR_MODULE_NOT_FOUND',
      ),
    ],
    // An installed channel whose chunk failed to download (network down, a 5xx): retryable, never "not installed".
    ['webpack ChunkLoadError', chunkError('Loading chunk 412 failed.\n(error: http://localhost/412.js)')],
    [
      'Chromium failed fetch of a chunk',
      typeError('Failed to fetch dynamically imported module: http://localhost/assets/steam-3f2a.js'),
    ],
    [
      'Chromium failed fetch of a dev-server module',
      typeError(`Failed to fetch dynamically imported module: http://localhost:5173/node_modules/${PKG}/dist/index.js`),
    ],
    ['Firefox failed fetch', typeError('error loading dynamically imported module: http://localhost/assets/a.js')],
    ['Safari failed fetch', typeError('Importing a module script failed.')],
    ['an error thrown by the adapter', new Error('window is not defined')],
    ['a syntax error', new SyntaxError('Unexpected token export')],
    ['a non-error', 'boom'],
  ])('%s → load-failed', (_, error) => {
    expect(classifyLoadError(error, PKG)).toBe('load-failed');
  });

  it('without a package name, matches the named package against the channel id', () => {
    const missing = (name: string) => coded(`Cannot find module '${name}'`, 'MODULE_NOT_FOUND');
    expect(classifyLoadError(missing('@acme/channel-steam'), undefined, 'steam')).toBe('not-installed');
    expect(classifyLoadError(missing('steam'), undefined, 'steam')).toBe('not-installed');
    expect(classifyLoadError(missing('steamworks.js'), undefined, 'steam')).toBe('load-failed');
    expect(classifyLoadError(missing('@acme/channel-steam'), undefined)).toBe('load-failed');
    expect(classifyLoadError(chunkError('Loading chunk 1 failed.'), undefined, 'steam')).toBe('load-failed');
    expect(classifyLoadError(coded('no message', 'MODULE_NOT_FOUND'), undefined)).toBe('not-installed');
  });

  it('classifies a real Node require() failure', () => {
    let caught: unknown;
    try {
      createRequire(import.meta.url)('coinslot-fixture-not-installed');
    } catch (error) {
      caught = error;
    }
    expect(classifyLoadError(caught, 'coinslot-fixture-not-installed')).toBe('not-installed');
    expect(classifyLoadError(caught, 'coinslot-fixture-other')).toBe('load-failed');
  });
});

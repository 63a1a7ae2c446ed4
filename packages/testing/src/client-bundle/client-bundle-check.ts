import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect } from 'vitest';

/** What a browser bundle of a channel's client entry holds. */
export interface ClientBundle {
  /** The bundled code (every output file, joined). */
  code: string;
  /** Every file the bundle read, relative to the package (`src/index.ts`, `node_modules/…`, `node:crypto`). */
  inputs: string[];
}

/** What may not reach a channel's client entry, for {@link createClientBundleCheck}. */
export interface ClientBundleCheckOptions {
  /** The channel package's folder (absolute). */
  root: string;
  /** Words only the server driver may hold: secrets' option names, signature headers, provider API paths. */
  driverOnly: readonly string[];
  /** The folder of the driver's sources under `src/`, which no client input may come from. @default 'server' */
  driverDir?: string;
  /** Server-only libraries (the provider's Node SDK) the client bundle must not reach. @default [] */
  serverLibraries?: readonly string[];
  /** Packages left out of the bundle: the game's own copy of core, sibling packages checked on their own. @default ['@coinslot/core'] */
  external?: readonly string[];
}

/** The checks of one package's client entry, made by {@link createClientBundleCheck}. */
export interface ClientBundleCheck {
  /** Bundles `entry` (relative to the package) for a browser: esbuild, ESM, every dependency but `external` inlined. */
  browserBundle(entry: string): Promise<ClientBundle>;
  /** Fails the test when the bundle read a driver file, a server library or a `node:` module, or holds a driver word. */
  expectNoDriver(bundle: ClientBundle): void;
  /** Fails the test unless the built `dist/index.js` exists and its browser bundle passes {@link expectNoDriver}. */
  expectBuiltEsmClean(): Promise<void>;
  /** Fails the test unless the built `dist/index.cjs` exists, holds no driver word and requires no driver or Node module. */
  expectBuiltCjsClean(): void;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The check that a channel's client entry carries no server code or secrets: it goes into players' browsers, so it
 * must bundle for a browser (no `node:` module), reach no file of the driver nor a server-only library, and hold none
 * of the driver's words. Run it on `src/index.ts` and on the published `dist/`; run it once on the driver's entry and
 * expect it to fail, so the check is known to work.
 * @example
 * const check = createClientBundleCheck({ root, driverOnly: ['secretKey', 'stripe-signature'], serverLibraries: ['stripe'] });
 * it('src/index.ts bundles without the driver', async () => check.expectNoDriver(await check.browserBundle('src/index.ts')));
 */
export function createClientBundleCheck(options: ClientBundleCheckOptions): ClientBundleCheck {
  const { root, driverOnly, driverDir = 'server', serverLibraries = [], external = ['@coinslot/core'] } = options;
  const libraries = serverLibraries.map(escapeRegExp);
  const reachedDriver = new RegExp(
    [`/${escapeRegExp(driverDir)}/`, '^node:', ...libraries.map((library) => `node_modules/${library}/`)].join('|'),
  );
  const requiresDriver = new RegExp(
    `require\\(["'](${['node:', 'crypto', ...libraries, `\\./${escapeRegExp(driverDir)}`].join('|')})`,
  );
  const expectBuilt = (file: string) =>
    expect(
      existsSync(join(root, file)),
      `${file} is missing: build the package first (npm run build -w <package>)`,
    ).toBe(true);

  const check: ClientBundleCheck = {
    async browserBundle(entry) {
      const result = await build({
        entryPoints: [entry],
        absWorkingDir: root,
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        metafile: true,
        logLevel: 'silent',
        external: [...external],
      });
      return {
        code: result.outputFiles.map((file) => file.text).join('\n'),
        inputs: Object.keys(result.metafile.inputs),
      };
    },
    expectNoDriver({ code, inputs }) {
      expect(inputs.filter((input) => reachedDriver.test(input))).toEqual([]);
      for (const word of driverOnly) expect(code, `the client bundle contains "${word}"`).not.toContain(word);
    },
    async expectBuiltEsmClean() {
      expectBuilt('dist/index.js');
      check.expectNoDriver(await check.browserBundle('dist/index.js'));
    },
    expectBuiltCjsClean() {
      expectBuilt('dist/index.cjs');
      const code = readFileSync(join(root, 'dist/index.cjs'), 'utf8');
      for (const word of driverOnly) expect(code, `dist/index.cjs contains "${word}"`).not.toContain(word);
      expect(code).not.toMatch(requiresDriver);
    },
  };
  return check;
}

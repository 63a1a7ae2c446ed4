import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPayServerDouble } from '../src/conformance/msw-import.js';
import { loadWithoutMsw } from './fixtures/without-msw.js';

// msw is an optional peer: `@coinslot/testing/conformance` against a real pay server must load without it, and only
// the default server (the pay-server double) needs it — with an error that says so.
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const built = (file: string) => {
  const path = join(dist, file);
  expect(existsSync(path), `${path} is missing: run \`npm run build -w packages/testing\` first`).toBe(true);
  return path;
};

/** Every module `file` loads before its code runs: its static imports, followed through the package's own chunks. */
function staticImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["']/gm)].map(
    (match) => match[1]!,
  );
  return specifiers.flatMap((specifier) =>
    specifier.startsWith('.') ? staticImports(join(dirname(file), specifier), seen) : [specifier],
  );
}

describe('@coinslot/testing/conformance without msw', () => {
  it('dist/conformance.js has no static msw import (the double is a chunk imported when used)', () => {
    const imports = staticImports(built('conformance.js'));
    expect(imports).toContain('vitest');
    expect(imports.filter((specifier) => /^msw(\/|$)/.test(specifier))).toEqual([]);
    expect(readFileSync(built('conformance.js'), 'utf8')).toMatch(
      /import\("\.\/create-pay-server-double-[\w-]+\.js"\)/,
    );
  });

  it.each(['conformance.js', 'conformance.cjs'])(
    'dist/%s loads and runs against a real server where msw is not installed',
    async (file) => {
      const report = await loadWithoutMsw(built(file));
      expect(report.exports).toContain('runChannelConformance');
      expect(report.onUrl).toBe('started');
      expect(report.onDouble).toMatch(
        /^runChannelConformance: the default server is the pay-server double, which needs msw .*npm install --save-dev msw.*server: \{ url \} or server: \{ start \}/,
      );
    },
  );

  it('says msw is missing only when msw is what is missing', async () => {
    const notFound =
      (message: string, code = 'ERR_MODULE_NOT_FOUND') =>
      () =>
        Promise.reject(Object.assign(new Error(message), { code }));
    await expect(
      importPayServerDouble(notFound("Cannot find package 'msw' imported from /x/dist/chunk.js")),
    ).rejects.toThrow(/needs msw/);
    await expect(importPayServerDouble(notFound("Cannot find module 'msw/node'", 'MODULE_NOT_FOUND'))).rejects.toThrow(
      /needs msw/,
    );
    await expect(
      importPayServerDouble(notFound("Cannot find package '@coinslot/server' imported from /x")),
    ).rejects.toThrow(/^Cannot find package '@coinslot\/server'/);
    await expect(importPayServerDouble(() => Promise.reject(new SyntaxError('Unexpected token')))).rejects.toThrow(
      SyntaxError,
    );
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines?: { node?: string } };

/** Where TypeScript finds the types of `specifier`, imported from this folder, as if the package were built. */
function typesOf(specifier: string, moduleResolution: ts.ModuleResolutionKind): string | undefined {
  const host: ts.ModuleResolutionHost = {
    ...ts.sys,
    // Built or not (a build may be running): the declaration files of both entries count as there.
    fileExists: (file) => /\/(packages\/core|@coinslot\/core)\/dist\/(index|node)\.d\.c?ts$/.test(file) || ts.sys.fileExists(file),
    directoryExists: (dir) => /\/(packages\/core|@coinslot\/core)\/dist$/.test(dir) || ts.sys.directoryExists(dir),
  };
  const { resolvedModule } = ts.resolveModuleName(specifier, fileURLToPath(import.meta.url), { moduleResolution }, host);
  return resolvedModule?.resolvedFileName.replace(/^.*\/(packages\/core|@coinslot\/core)\//, '');
}

describe('package.json', () => {
  it('declares the Node versions core runs on', () => {
    expect(pkg.engines).toEqual({ node: '>=20.11' });
  });

  it('shows both entries to `moduleResolution: node` (node10) too, which cannot read `exports`', () => {
    expect(typesOf('@coinslot/core', ts.ModuleResolutionKind.Node10)).toBe('dist/index.d.ts');
    expect(typesOf('@coinslot/core/node', ts.ModuleResolutionKind.Node10)).toBe('dist/node.d.ts');
    expect(typesOf('@coinslot/core/node', ts.ModuleResolutionKind.Bundler)).toBe('dist/node.d.ts');
  });
});

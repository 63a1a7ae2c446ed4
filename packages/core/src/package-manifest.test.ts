import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import tsupConfig from '../tsup.config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
const pkg = readJson(`${root}package.json`);

/** The files the build writes, from tsup.config.ts: each entry in each format, with its declarations. */
const built = new Set(
  [tsupConfig].flat().flatMap((config) => {
    const { entry, format, dts } = config as { entry: Record<string, string>; format: string[]; dts?: unknown };
    return Object.keys(entry).flatMap((name) =>
      format.flatMap((f) => {
        const [js, types] = f === 'cjs' ? ['cjs', 'd.cts'] : ['js', 'd.ts'];
        return dts ? [`dist/${name}.${js}`, `dist/${name}.${types}`] : [`dist/${name}.${js}`];
      }),
    );
  }),
);

/** The file paths in a package.json value: its strings that start with `./`, at any depth. */
function pathsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('./') ? [value.slice(2)] : [];
  return value && typeof value === 'object' ? Object.values(value).flatMap(pathsIn) : [];
}

/** Every file path package.json points at: exports (all conditions), main, module, types, typesVersions. */
const manifestPaths = () => pathsIn([pkg.exports, pkg.main, pkg.module, pkg.types, pkg.typesVersions]);

/** Where TypeScript finds the types of `specifier` from an app, as if the package were built (a build may be running). */
function typesOf(
  specifier: string,
  moduleResolution: ts.ModuleResolutionKind,
  mode?: ts.ResolutionMode,
): string | undefined {
  const inCore = (path: string) => path.replace(/^.*\/(packages\/core|@coinslot\/core)\//, '');
  const host: ts.ModuleResolutionHost = {
    ...ts.sys,
    fileExists: (file) =>
      /\/(packages\/core|@coinslot\/core)\/dist\//.test(file) ? built.has(inCore(file)) : ts.sys.fileExists(file),
    directoryExists: (dir) => /\/(packages\/core|@coinslot\/core)\/dist$/.test(dir) || ts.sys.directoryExists(dir),
  };
  const options = {
    moduleResolution,
    module: moduleResolution === ts.ModuleResolutionKind.Node16 ? ts.ModuleKind.Node16 : ts.ModuleKind.ESNext,
  };
  const { resolvedModule } = ts.resolveModuleName(
    specifier,
    fileURLToPath(import.meta.url),
    options,
    host,
    undefined,
    undefined,
    mode,
  );
  return resolvedModule && inCore(resolvedModule.resolvedFileName);
}

/** The public entries: `@coinslot/core` → index, `@coinslot/core/node` → node (the name of the file its import loads). */
const entries = Object.entries(pkg.exports as Record<string, unknown>)
  .filter(([subpath]) => subpath !== './package.json')
  .map(([subpath, target]) => ({
    specifier: subpath === '.' ? '@coinslot/core' : `@coinslot/core/${subpath.slice(2)}`,
    name: /dist\/(.+)\.js$/.exec((target as { import: { default: string } }).import.default)![1]!,
  }));

describe('package.json', () => {
  it('points only at files the build writes', () => {
    expect(built.size).toBeGreaterThan(0);
    expect(manifestPaths().filter((path) => path !== 'package.json' && !built.has(path))).toEqual([]);
  });

  it('declares the Node versions the repository is tested on, and this Node satisfies them', () => {
    const rootEngines = readJson(`${root}../../package.json`).engines;
    expect(pkg.engines).toEqual(rootEngines);
    const [major, minor] = process.versions.node.split('.').map(Number);
    const [, floorMajor, floorMinor] = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node) ?? [];
    expect(major! > Number(floorMajor) || (major === Number(floorMajor) && minor! >= Number(floorMinor))).toBe(true);
  });

  it.each([
    ['node10 (cannot read `exports`)', ts.ModuleResolutionKind.Node10, undefined, 'd.ts'],
    ['bundler', ts.ModuleResolutionKind.Bundler, undefined, 'd.ts'],
    ['node16, import', ts.ModuleResolutionKind.Node16, ts.ModuleKind.ESNext, 'd.ts'],
    ['node16, require', ts.ModuleResolutionKind.Node16, ts.ModuleKind.CommonJS, 'd.cts'],
  ] as const)(
    'shows every entry its own types under moduleResolution %s',
    (_mode, moduleResolution, mode, extension) => {
      expect(entries.length).toBeGreaterThan(1);
      for (const { specifier, name } of entries)
        expect(typesOf(specifier, moduleResolution, mode), specifier).toBe(`dist/${name}.${extension}`);
    },
  );
});

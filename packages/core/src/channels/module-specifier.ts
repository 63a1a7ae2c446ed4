/** Whether a specifier names a package (`ky`, `@scope/pkg/sub`) rather than a path or URL. */
export function isBareSpecifier(specifier: string): boolean {
  return (
    !/^(?:\.{0,2}\/|[A-Za-z][A-Za-z0-9+.-]*:|[A-Za-z]:\\)/.test(specifier) && specifier !== '.' && specifier !== '..'
  );
}

/** The package part of a bare specifier: `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
export function packageOf(specifier: string): string {
  const segments = specifier.split('/');
  return specifier.startsWith('@') ? segments.slice(0, 2).join('/') : (segments[0] ?? specifier);
}

// `import("x")`, `require('x')`, and Vite SSR's rewrite `__vite_ssr_dynamic_import__("x")`.
const LOADER_IMPORT = /(?:\bimport|\brequire|__vite_ssr_dynamic_import__)\s*\(\s*(["'`])([^"'`$]+)\1/;

/**
 * The package a loader function imports, read from its source: the first `import("…")` / `require('…')`
 * string. `undefined` when the source shows none (a bundler rewrote it) or the specifier is a path.
 */
export function packageFromLoaderSource(loader: () => unknown): string | undefined {
  let source: string;
  try {
    source = Function.prototype.toString.call(loader);
  } catch {
    return undefined;
  }
  const specifier = LOADER_IMPORT.exec(source)?.[2];
  return specifier !== undefined && isBareSpecifier(specifier) ? packageOf(specifier) : undefined;
}

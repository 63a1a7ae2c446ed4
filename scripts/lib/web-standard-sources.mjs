// @ts-check
/**
 * For the entry-boundary tests of packages that must run on web standards alone (protocol, backend): what their
 * source files import from outside themselves, and which use a Node global.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.ts` module under `dir` but tests. @param {string} dir @returns {string[]} */
export function sourceModules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceModules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * `file: specifier` for each import of a module under `dir` that is neither relative nor in `allowed`.
 * @param {string} dir @param {readonly string[]} [allowed]
 */
export function foreignImports(dir, allowed = []) {
  return sourceModules(dir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)]
      .map((match) => /** @type {string} */ (match[1] ?? match[2]))
      .filter(
        (specifier) => !specifier.startsWith('./') && !specifier.startsWith('../') && !allowed.includes(specifier),
      )
      .map((specifier) => `${file}: ${specifier}`),
  );
}

/** The modules under `dir` whose code (comments left out) names `Buffer`, `process` or `require`. @param {string} dir */
export function nodeGlobalUsers(dir) {
  const code = (/** @type {string} */ file) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return sourceModules(dir).filter((file) => /\b(?:Buffer|process|require)\b/.test(code(file)));
}

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Every source file `entry` reaches through relative imports (type-only imports included: a superset). */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g))
      visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
  };
  visit(join(SRC, entry));
  return seen;
}

describe('@coinslot/server/web', () => {
  it('never reaches the SQLite store or better-sqlite3; the Node entry does, lazily', () => {
    const web = reachable('web.ts');
    for (const [file, text] of web) {
      expect(file, 'reached from web.ts').not.toMatch(/store[\\/](sqlite|data-dir)/);
      expect(text, file).not.toContain('better-sqlite3');
    }
    const node = reachable('index.ts');
    const driver = node.get(join(SRC, 'store/sqlite/sqlite-driver.ts'));
    expect(driver).toMatch(/const PACKAGE = 'better-sqlite3'/);
    expect(driver).toMatch(/\(specifier\) => import\(specifier\)/);
    for (const [file, text] of node)
      expect(text, file).not.toMatch(/from 'better-sqlite3'|require\('better-sqlite3'\)/);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

/** Every module `entry` reaches through relative imports, with the bare specifiers each one imports. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map(
      (m) => (m[1] ?? m[2])!,
    );
    seen.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
    for (const s of specifiers.filter((s) => s.startsWith('.')))
      visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('package entries', () => {
  it('the browser entry never reaches a node: module; node:fs lives behind @coinslot/core/node', () => {
    const browser = reachable(join(src, 'index.ts'));
    const nodeOnly = [...browser].filter(([, imports]) => imports.some((s) => s.startsWith('node:')));
    expect(nodeOnly).toEqual([]);
    expect([...browser.keys()].some((file) => file.includes(`${join('src', 'node')}`))).toBe(false);
    const node = reachable(join(src, 'node', 'index.ts'));
    expect([...node.values()].flat()).toContain('node:fs/promises');
  });

  it("names no adapter package: the browser entry not even the convention's prefix, the Node entry only the prefix", () => {
    const textOf = (entry: string) => [...reachable(entry).keys()].map((file) => readFileSync(file, 'utf8')).join('\n');
    const adapterNames = /@coinslot\/channel-[a-z0-9-]*|coinslot-channel-[a-z0-9-]*/g;
    expect(textOf(join(src, 'index.ts')).match(adapterNames)).toBeNull();
    expect(new Set(textOf(join(src, 'node', 'index.ts')).match(adapterNames))).toEqual(new Set(['@coinslot/channel-']));
  });
});

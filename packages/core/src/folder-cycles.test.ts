import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Core's own modules: every `.ts` file under src but tests and test support (they may import anything). */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The folder of a module under src (`purchase`, `deliver`…); files at the top are the entry, `(root)`. */
const folderOf = (file: string): string => relative(SRC, dirname(file)).split(/[\\/]/)[0] || '(root)';

/** Which folders each folder imports from (type-only imports count: they tie the concepts together all the same). */
function folderGraph(files: readonly string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), specifier!));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle through folders, each once, as `a → b → a`. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]): void => {
    for (const next of graph.get(path.at(-1)!) ?? []) {
      const at = path.indexOf(next);
      if (at === -1) walk([...path, next]);
      else if (at === 0) {
        // One spelling per cycle: start it at its smallest folder name.
        const start = path.indexOf([...path].sort()[0]!);
        const loop = [...path.slice(start), ...path.slice(0, start)];
        found.add([...loop, loop[0]].join(' → '));
      }
    }
  };
  for (const folder of graph.keys()) walk([folder]);
  return [...found].sort();
}

describe('core folder layout', () => {
  it('has no import cycle between folders, so the life of a bill reads one way', () => {
    expect(cycles(folderGraph(sources()))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['purchase', new Set(['deliver'])],
      ['deliver', new Set(['recovery'])],
      ['recovery', new Set(['purchase'])],
      ['journal', new Set<string>()],
    ]);
    expect(cycles(graph)).toEqual(['deliver → recovery → purchase → deliver']);
  });
});

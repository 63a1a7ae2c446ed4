import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));
// What the main entry may import besides its own modules: both run on web standards alone.
const ALLOWED = ['jose', '@coinslot/protocol'];

function modules(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('@coinslot/backend', () => {
  it('imports only its own modules, jose and @coinslot/protocol: no node: module, so it runs on edge runtimes', () => {
    const bare = modules().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)]
        .map((match) => (match[1] ?? match[2])!)
        .filter(
          (specifier) => !specifier.startsWith('./') && !specifier.startsWith('../') && !ALLOWED.includes(specifier),
        )
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(bare).toEqual([]);
  });

  it('uses no Node global (Buffer, process, require)', () => {
    const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const uses = modules().filter((file) => /\b(?:Buffer|process|require)\b/.test(code(file)));
    expect(uses).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from './coinslot-error.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Core's own modules: every `.ts` file under src except tests, test support and the list of codes itself. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'coinslot-error.ts' ? [path] : [];
  });
}

describe('CLIENT_ERROR_CODES', () => {
  it('declares only codes core raises somewhere (a page in docs/errors for a code nobody throws misleads)', () => {
    const code = sources().map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(CLIENT_ERROR_CODES.filter((name) => !code.includes(`'${name}'`))).toEqual([]);
  });
});

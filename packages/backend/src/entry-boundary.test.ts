import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foreignImports, nodeGlobalUsers } from '../../../scripts/lib/web-standard-sources.mjs';

const src = dirname(fileURLToPath(import.meta.url));
// What the main entry may import besides its own modules: both run on web standards alone.
const ALLOWED = ['jose', '@coinslot/protocol'];

describe('@coinslot/backend', () => {
  it('imports only its own modules, jose and @coinslot/protocol: no node: module, so it runs on edge runtimes', () => {
    expect(foreignImports(src, ALLOWED)).toEqual([]);
  });

  it('uses no Node global (Buffer, process, require)', () => {
    expect(nodeGlobalUsers(src)).toEqual([]);
  });
});

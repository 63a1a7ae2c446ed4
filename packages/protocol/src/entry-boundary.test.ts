import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foreignImports, nodeGlobalUsers } from '../../../scripts/lib/web-standard-sources.mjs';

const src = dirname(fileURLToPath(import.meta.url));

describe('@coinslot/protocol', () => {
  it('imports nothing but its own modules: web standards only, so any client or server can use it', () => {
    expect(foreignImports(src)).toEqual([]);
  });

  it('uses no Node global (Buffer, process, require)', () => {
    expect(nodeGlobalUsers(src)).toEqual([]);
  });
});

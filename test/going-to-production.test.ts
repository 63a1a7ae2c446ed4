import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStartOptions } from '../packages/server/src/config/build-start-options.js';
import { ConfigError } from '../packages/server/src/config/config-error.js';
import type { ChannelRegistry } from '../packages/server/src/config/driver-registry.js';
import { CHANNELS } from '../packages/server/src/config/driver-registry.js';
import { parseConfig } from '../packages/server/src/config/parse-config.js';

// The page's list of what production refuses, held to the code: each refusal the server makes is named in the
// page's table. The refusals go through the CLI's own path (parseConfig, then buildStartOptions).
const page = readFileSync(new URL('../docs/going-to-production.md', import.meta.url), 'utf8');
const refusalSection = page.slice(page.indexOf('## What the server refuses to start without'));
const dir = mkdtempSync(join(tmpdir(), 'coinslot-production-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const complete = {
  publicUrl: 'https://pay.example.com',
  catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
  auth: {
    playerTokens: {
      issuer: 'https://game.example',
      audience: 'https://pay.example.com',
      jwksUrl: 'https://game.example/jwks.json',
    },
  },
  corsOrigins: ['https://game.example'],
  dataDir: join(dir, 'data'),
  keyFile: join(dir, 'key.json'),
};
/** A channel production may run, built in here so no channel package has to be installed. */
const registry: ChannelRegistry = {
  ...CHANNELS,
  real: { description: 'a real channel', production: true, create: async () => ({ id: 'real' }) as never },
};

/** The fields a start with `config` is refused for. */
async function refusedFields(config: Record<string, unknown>): Promise<string[]> {
  try {
    await buildStartOptions(await parseConfig(config, dir), { env: {}, registry });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
}

const CASES: [string, Record<string, unknown>][] = [
  ['everything missing', {}],
  [
    'an http publicUrl, the sandbox, memory, * origins, an http jwksUrl',
    {
      ...complete,
      publicUrl: 'http://pay.example.com',
      channels: { sandbox: {} },
      store: 'memory',
      corsOrigins: '*',
      returnUrlOrigins: '*',
      auth: { playerTokens: { ...complete.auth.playerTokens, jwksUrl: 'http://game.example/jwks.json' } },
    },
  ],
  ['development auth', { ...complete, auth: { development: true }, channels: { real: {} } }],
  [
    'an inline secret',
    {
      ...complete,
      auth: { ...complete.auth, serverKeys: ['csk_0123456789abcdef0123456789abcdef'] },
      channels: { real: {} },
    },
  ],
];

describe('docs/going-to-production.md names every refusal of production mode', () => {
  it('a complete production configuration with a real channel starts', async () => {
    expect(await refusedFields({ ...complete, channels: { real: {} } })).toEqual([]);
  });

  it.each(CASES)('%s', async (_, config) => {
    const fields = await refusedFields(config);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      expect(refusalSection, `the page does not name ${field}`).toContain(`\`${field}\``);
    }
  });
});

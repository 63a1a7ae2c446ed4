import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions } from '../src/config/build-start-options.js';
import { parseConfig } from '../src/config/parse-config.js';
import { generateAdminKey, startPayServer, type RunningPayServer } from '../src/index.js';

const dirs: string[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function plan(admin: unknown, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-admin-config-'));
  dirs.push(dir);
  const config = { mode: 'development', store: 'memory', port: 0, admin };
  return buildStartOptions(await parseConfig(config, dir), { env });
}

describe('the admin field of the configuration file', () => {
  it('reads admin keys from the environment and serves reports with them', async () => {
    const key = generateAdminKey();
    const { options } = await plan({ keys: [{ env: 'COINSLOT_ADMIN_KEY' }] }, { COINSLOT_ADMIN_KEY: key });
    expect(options.admin).toEqual({ keys: [key] });
    const server = await startPayServer(options);
    servers.push(server);
    const answer = await fetch(`${server.url}/v1/admin/reports/payers`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses an empty key list, an unset variable and a key that is not an admin key, naming the field', async () => {
    await expect(plan({ keys: [] })).rejects.toThrow(/admin\.keys/);
    await expect(plan({ keys: [{ env: 'UNSET_ADMIN_KEY' }] })).rejects.toThrow(/admin\.keys\[0\]\.env/);
    const csk = `csk_${'k'.repeat(40)}`;
    await expect(plan({ keys: [{ env: 'K' }] }, { K: csk })).rejects.toThrow(/admin\.keys\[0\].*cak_/);
    await expect(plan({ keyz: [] })).rejects.toThrow(/admin\.keyz/);
  });

  it('has no admin API without the field', async () => {
    const { options } = await plan(undefined);
    expect(options.admin).toBeUndefined();
  });
});

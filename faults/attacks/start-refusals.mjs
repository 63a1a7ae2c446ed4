// @ts-check
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../lib/build-snapshot.mjs';
import { track } from '../lib/child-registry.mjs';
import { CATALOG } from '../lib/server-process.mjs';

/** A production configuration with everything a real deployment needs but a real channel (none exists yet). */
export const PRODUCTION_BASE = {
  publicUrl: 'https://pay.example.com',
  catalog: CATALOG,
  auth: {
    playerTokens: {
      issuer: 'https://game.example',
      audience: 'https://pay.example.com',
      jwksUrl: 'https://game.example/.well-known/jwks.json',
    },
  },
  corsOrigins: ['https://game.example'],
};

/**
 * Starts a server the way a careless deployment would; each must refuse to start, name the setting, and leave
 * nothing behind (no data dir, no key file, never listening). `config` undefined: the CLI with no flags at all.
 * @type {{ name: string, refuses: string, config?: Record<string, unknown> }[]}
 */
export const START_REFUSALS = [
  { name: 'free items on a default start: the CLI with no flags', refuses: 'no configuration' },
  {
    name: 'free items on a default start: a production config without a catalog',
    refuses: 'catalog',
    config: { ...PRODUCTION_BASE, catalog: undefined },
  },
  {
    name: 'free items on a default start: a production config with the sandbox channel',
    refuses: 'channels.sandbox',
    config: { ...PRODUCTION_BASE, channels: { sandbox: {} } },
  },
  {
    name: 'free items on a default start: a production config with development auth',
    refuses: 'auth',
    config: { ...PRODUCTION_BASE, auth: { development: true } },
  },
];

/**
 * Runs the built CLI in a fresh folder with `args` until it exits (10 s at most).
 * @param {string} cwd
 * @param {string[]} args
 */
export function runCli(cwd, args) {
  return new Promise((resolve) => {
    const child = track(
      spawn(process.execPath, [paths.serverCli, ...args], {
        cwd,
        env: { ...process.env, COINSLOT_SANDBOX_SECRET: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, output });
    });
  });
}

/**
 * The fields a refusal names: the `  - field: …` lines of a production refusal, or the one `field: …` line.
 * @param {string} output
 */
export const namedFields = (output) => {
  const listed = [...output.matchAll(/^ {2}- ([\w.[\]]+): /gm)].map((m) => m[1]);
  if (listed.length > 0) return listed;
  if (/no configuration/.test(output)) return ['no configuration'];
  return [/coinslot-server: ([\w.[\]-]+):/.exec(output)?.[1] ?? output.trim().split('\n').at(-1)];
};

/** @returns {Promise<import('./abuse-row.mjs').AbuseRow[]>} */
export async function runStartRefusals() {
  const rows = [];
  for (const start of START_REFUSALS) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'coinslot-refusal-'));
    try {
      const args = [];
      if (start.config) {
        await writeFile(path.join(dir, 'coinslot.config.json'), JSON.stringify(start.config));
        args.push('--config', 'coinslot.config.json');
      }
      const { code, output } = /** @type {{ code: number | string, output: string }} */ (await runCli(dir, args));
      const fields = namedFields(output);
      const left = (await readdir(dir)).filter((name) => name !== 'coinslot.config.json');
      const changed = [
        ...left.map((name) => `created ${name}`),
        ...(/listening on/.test(output) ? ['it listened'] : []),
      ];
      const got =
        code === 1 ? `refused (exit 1): ${fields.join(', ')}` : `exit ${code}: ${output.trim().split('\n').at(-1)}`;
      const ok = code === 1 && fields.includes(start.refuses) && changed.length === 0;
      rows.push({
        kind: 'defaults',
        name: start.name,
        expected: `refused (exit 1): ${start.refuses}`,
        got,
        changed,
        ok,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

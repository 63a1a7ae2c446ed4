#!/usr/bin/env node
// @ts-check
/**
 * `npm run check:secrets`: bundle every CLIENT entry as a browser would get it (esbuild, platform browser, every
 * dependency inlined) — @coinslot/core, @coinslot/channel-sandbox, the channel template's client entry — plus the
 * web shop's and the Electron game's built dist/, and fail when any of them holds server-side secrets or the means to use them: a private
 * JWK (a key with "d"), a PEM private key, the sandbox secret option, HMAC key material (an HMAC import,
 * `createHmac`), a `node:crypto` import, or the literal value of a key or secret file found in the repository.
 * Prints what was scanned. `--dir <folder>` scans the files of a folder as they are instead (used by its test);
 * `--build` rebuilds the packages first (else only missing dist/ folders are built).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { exec } from './lib/exec.mjs';
import { ensureBuilt, ROOT } from './lib/pack.mjs';
import { markdownTable } from './lib/table.mjs';

/** @typedef {{ name: string, from: string, text: string, nodeImports: string[] }} Scanned */

/** Client bundles that could not be produced: nothing vouches for them, so the check fails. @type {Array<{ name: string, from: string, why: string }>} */
const unscanned = [];

/** What a client bundle must never contain, each with the reason it is reported. */
const PATTERNS = [
  { why: 'PEM private key block', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/ },
  {
    why: 'private JWK (a key object with "d")',
    re: /\{(?=[^{}]*\bkty\b)(?=(?:[^{}]*[,\s])?["']?d["']?\s*:\s*["'][A-Za-z0-9_-]{16,}["'])[^{}]*\}/,
  },
  { why: 'the sandbox secret option', re: /sandboxSecret|sandbox-secret|COINSLOT_SANDBOX_SECRET/ },
  { why: 'HMAC key material (an HMAC key import, an HS* algorithm)', re: /["']HMAC["']|["']HS(256|384|512)["']/ },
  { why: 'createHmac', re: /\bcreateHmac\b/ },
  { why: 'a node:crypto import', re: /(?:from\s*|require\(\s*|import\(\s*)["'](?:node:)?crypto["']/ },
];

/** Private values found in key and secret files of the repository: none may appear in a bundle. */
async function knownSecrets() {
  const found = [];
  for (const file of ['.coinslot/server-key.json', '.coinslot/data/sandbox-secret', '.coinslot/data/server-key.json']) {
    const text = await readFile(path.join(ROOT, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const value = file.endsWith('.json') ? JSON.parse(text).d : text.trim();
    if (typeof value === 'string' && value.length >= 16) found.push({ file, value });
  }
  return found;
}

/** Bundle one client entry for the browser; node built-ins stay external and are recorded. @param {string} name @param {string} entry */
async function bundle(name, entry) {
  /** @type {string[]} */
  const nodeImports = [];
  const builtins = new RegExp(`^(node:.*|${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'node-builtins',
        setup: (b) =>
          b.onResolve(
            { filter: builtins },
            (args) => (nodeImports.push(args.path), { path: args.path, external: true }),
          ),
      },
    ],
  });
  const text = result.outputFiles.map((file) => file.text).join('\n');
  return { name, from: path.relative(ROOT, entry), text, nodeImports };
}

/** Every file under `dir` (source maps included: browsers can fetch them). @param {string} dir @param {string} label @returns {Promise<Scanned[]>} */
async function filesOf(dir, label) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      name: label,
      from: path.relative(ROOT, file) || file,
      text: await readFile(file, 'utf8'),
      nodeImports: [],
    })),
  );
}

/** The client bundles of the repository. @param {boolean} rebuild */
async function clientBundles(rebuild) {
  await ensureBuilt(
    ['core', 'channel-sandbox', 'qr', 'channel-wechatpay', 'channel-alipay', 'channel-stripe', 'channel-steam'],
    {
      build: rebuild,
    },
  );
  const scanned = [
    await bundle('@coinslot/core (browser entry)', path.join(ROOT, 'packages/core/dist/index.js')),
    await bundle('@coinslot/channel-sandbox', path.join(ROOT, 'packages/channel-sandbox/dist/index.js')),
    await bundle('@coinslot/channel-wechatpay', path.join(ROOT, 'packages/channel-wechatpay/dist/index.js')),
    await bundle('@coinslot/channel-alipay', path.join(ROOT, 'packages/channel-alipay/dist/index.js')),
    await bundle('@coinslot/channel-stripe', path.join(ROOT, 'packages/channel-stripe/dist/index.js')),
    await bundle('@coinslot/channel-steam', path.join(ROOT, 'packages/channel-steam/dist/index.js')),
  ];
  const template = ['dist/index.js', 'src/index.ts']
    .map((f) => path.join(ROOT, 'examples/channel-template', f))
    .find(existsSync);
  if (template) scanned.push(await bundle('channel template (client entry)', template));
  // The examples' builds, as shipped to players: the web shop's page, and the whole Electron game (its main process
  // runs on the player's machine too, so it must hold no secret either).
  scanned.push(...(await builtExample('web shop dist/', 'examples/web-shop', rebuild)));
  scanned.push(...(await builtExample('electron game dist/', 'examples/electron-game', rebuild)));
  return scanned;
}

/**
 * The files of an example's dist/, built first when missing (or always with `rebuild`); an example that cannot
 * be built is listed as not scanned, which fails the check.
 * @param {string} name @param {string} workspace @param {boolean} rebuild
 */
async function builtExample(name, workspace, rebuild) {
  const dist = path.join(ROOT, workspace, 'dist');
  let files = existsSync(dist) ? await filesOf(dist, name) : [];
  if (files.length === 0 || rebuild) {
    const built = await exec('npm', ['run', 'build', '-w', workspace], { cwd: ROOT, timeoutMs: 300_000 });
    files = existsSync(dist) ? await filesOf(dist, name) : [];
    const why =
      built.code === 0
        ? 'its build wrote no files'
        : `its build failed: ${/ERROR[^\n]*/.exec(built.stdout + built.stderr)?.[0] ?? built.code}`;
    if (files.length === 0) unscanned.push({ name, from: `${workspace}/dist`, why });
  }
  return files;
}

/** Findings in one scanned text. @param {Scanned} item @param {{ file: string, value: string }[]} secrets */
function findings(item, secrets) {
  const found = PATTERNS.filter((p) => p.re.test(item.text)).map((p) => p.why);
  for (const secret of secrets) if (item.text.includes(secret.value)) found.push(`the private value of ${secret.file}`);
  for (const spec of item.nodeImports) if (/^(node:)?crypto$/.test(spec)) found.push(`imports ${spec}`);
  return [...new Set(found)];
}

const { values } = parseArgs({ options: { dir: { type: 'string' }, build: { type: 'boolean' } } });
const scanned = values.dir
  ? await filesOf(path.resolve(values.dir), 'folder')
  : await clientBundles(values.build === true);
const secrets = await knownSecrets();
const rows = scanned.map((item) => ({ item, found: findings(item, secrets) }));
console.log(
  markdownTable(
    ['bundle', 'scanned', 'bytes', 'node imports', 'findings'],
    rows.map(({ item, found }) => [
      item.name,
      item.from,
      String(Buffer.byteLength(item.text)),
      item.nodeImports.join(', ') || '-',
      found.join('; ') || 'clean',
    ]),
  ),
);
console.log(
  `\nPatterns: ${PATTERNS.map((p) => p.why).join('; ')}; plus ${secrets.length} private value(s) from the repository's key and secret files.`,
);
const dirty = rows.filter((row) => row.found.length > 0);
for (const missing of unscanned) console.error(`\nNOT SCANNED: ${missing.name} (${missing.from}): ${missing.why}`);
if (dirty.length > 0 || unscanned.length > 0) {
  console.error(
    `\ncheck:secrets FAILED: ${dirty.length} of ${rows.length} scanned files hold secret material, ${unscanned.length} client bundles could not be scanned.`,
  );
  process.exitCode = 1;
} else {
  console.log(`\ncheck:secrets: ${rows.length} client files scanned, no secret material.`);
}

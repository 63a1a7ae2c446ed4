#!/usr/bin/env node
// @ts-check
/**
 * `npm run check:packages`: pack every publishable package as npm would publish it, then lint each tarball with
 * `publint --strict` and check its types with `@arethetypeswrong/cli` (profile `node16`: ESM + CommonJS for
 * Node 16+ and bundlers; node10 cannot see subpath exports, so it is reported but does not fail), and check that
 * each has `repository` (with `directory`), `homepage` and `bugs`, and a packed README with no relative link that
 * leaves the package (lib/package-metadata.mjs). Prints a table; exits 1 when any package fails. `--build` rebuilds every package first (else only the ones without a dist/).
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { exec } from './lib/exec.mjs';
import { ensureBuilt, packPackages, PUBLISHABLE, ROOT } from './lib/pack.mjs';
import { manifestProblems, readmeLinkProblems } from './lib/package-metadata.mjs';
import { markdownTable } from './lib/table.mjs';

const ATTW_PROFILE = 'node16';
const ATTW = path.join(ROOT, 'node_modules', '.bin', 'attw');

/**
 * @typedef {object} PackageCheck
 * @property {import('./lib/pack.mjs').PackedPackage} pkg
 * @property {{ errors: string[], warnings: string[], suggestions: string[] }} publint
 * @property {{ ok: boolean, problems: string[], ignored: string[] }} attw
 * @property {string[]} metadata package.json fields and README links that would not work from an install
 */

/** @param {import('./lib/pack.mjs').PackedPackage} pkg */
async function runPublint(pkg) {
  const data = await readFile(pkg.tarball);
  const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const result = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
  const text = (/** @type {import('publint').Message} */ m) =>
    `${formatMessage(m, result.pkg, { color: false }) ?? m.code} [${m.code}]`;
  return {
    errors: result.messages.filter((m) => m.type === 'error').map(text),
    warnings: result.messages.filter((m) => m.type === 'warning').map(text),
    suggestions: result.messages.filter((m) => m.type === 'suggestion').map(text),
  };
}

/** @param {import('./lib/pack.mjs').PackedPackage} pkg */
async function runAttw(pkg) {
  const run = await exec(ATTW, [pkg.tarball, '--format', 'json', '--profile', ATTW_PROFILE], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  /** @type {{ problems?: Record<string, Array<{ kind: string, entrypoint?: string, resolutionKind?: string }>> }} */
  let json = {};
  try {
    json = JSON.parse(run.stdout);
  } catch {
    return { ok: false, problems: [`attw printed no JSON: ${run.stderr.trim() || run.stdout.trim()}`], ignored: [] };
  }
  const all = Object.values(json.problems ?? {}).flat();
  const describe = (/** @type {{ kind: string, entrypoint?: string, resolutionKind?: string }} */ p) =>
    `${p.kind}${p.entrypoint ? ` at "${p.entrypoint}"` : ''}${p.resolutionKind ? ` (${p.resolutionKind})` : ''}`;
  const counted = all.filter((p) => p.resolutionKind !== 'node10');
  return {
    ok: run.code === 0,
    problems: counted.map(describe),
    ignored: all.filter((p) => p.resolutionKind === 'node10').map(describe),
  };
}

/**
 * The packed package.json and README are the folder's own (npm packs them as they are).
 * @param {import('./lib/pack.mjs').PackedPackage} pkg
 */
async function checkMetadata(pkg) {
  const folder = `packages/${pkg.folder}`;
  const manifest = JSON.parse(await readFile(path.join(ROOT, folder, 'package.json'), 'utf8'));
  const readme = pkg.files.includes('README.md') ? await readFile(path.join(ROOT, folder, 'README.md'), 'utf8') : '';
  return [
    ...(readme === '' ? ['no README.md in the tarball'] : []),
    ...manifestProblems(manifest, folder),
    ...readmeLinkProblems(readme, folder, ROOT),
  ];
}

const build = process.argv.includes('--build');
const built = await ensureBuilt(PUBLISHABLE, { build });
if (built.length > 0) console.error(`built ${built.join(', ')}`);
const destination = path.join(ROOT, '.tmp', 'packages');
await rm(destination, { recursive: true, force: true });
const packed = await packPackages(PUBLISHABLE, destination);

/** @type {PackageCheck[]} */
const checks = await Promise.all(
  packed.map(async (pkg) => ({
    pkg,
    publint: await runPublint(pkg),
    attw: await runAttw(pkg),
    metadata: await checkMetadata(pkg),
  })),
);

const cell = {
  publint: (/** @type {PackageCheck['publint']} */ p) =>
    p.errors.length > 0
      ? `✗ ${p.errors.length} error(s)`
      : `✓${p.suggestions.length ? ` (${p.suggestions.length} suggestion(s))` : ''}`,
  attw: (/** @type {PackageCheck['attw']} */ a) =>
    a.ok ? `✓${a.ignored.length ? ` (node10: ${a.ignored.length} ignored)` : ''}` : `✗ ${a.problems.length} problem(s)`,
};
console.log(
  markdownTable(
    ['package', 'tarball', 'files', 'publint --strict', `attw (--profile ${ATTW_PROFILE})`, 'links and metadata'],
    checks.map(({ pkg, publint: p, attw: a, metadata }) => [
      `${pkg.name}@${pkg.version}`,
      `${(pkg.size / 1024).toFixed(1)} kB`,
      String(pkg.files.length),
      cell.publint(p),
      cell.attw(a),
      metadata.length === 0 ? '✓' : `✗ ${metadata.length} problem(s)`,
    ]),
  ),
);
for (const { pkg, publint: p, attw: a, metadata } of checks) {
  const lines = [
    ...metadata.map((m) => `  links and metadata: ${m}`),
    ...p.errors.map((m) => `  publint error: ${m}`),
    ...p.warnings.map((m) => `  publint warning: ${m}`),
    ...p.suggestions.map((m) => `  publint suggestion: ${m}`),
    ...a.problems.map((m) => `  attw: ${m}`),
    ...a.ignored.map((m) => `  attw, ignored by the ${ATTW_PROFILE} profile: ${m}`),
  ];
  if (lines.length > 0) console.log(`\n${pkg.name}\n${lines.join('\n')}`);
}
const failed = checks.filter((c) => c.publint.errors.length > 0 || !c.attw.ok || c.metadata.length > 0);
console.log(
  failed.length === 0
    ? `\nAll ${checks.length} packages pass.`
    : `\nFailing: ${failed.map((c) => c.pkg.name).join(', ')}`,
);
process.exitCode = failed.length === 0 ? 0 : 1;

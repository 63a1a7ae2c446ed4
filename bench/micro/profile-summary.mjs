#!/usr/bin/env node
// @ts-check
/**
 * `node bench/micro/profile-summary.mjs <file.cpuprofile> [--top 25]`: where a V8 CPU profile's time went, as text —
 * self time per function (with its file), and time per package or Node area (`node:internal/http`, `ky`,
 * `@coinslot/core`, `(garbage collector)`, `(program)` = native work outside JS, `(idle)`), each as a share of the
 * busy (non-idle) time. For the profiles the bench writes with `--profile` (bench/run.mjs, run-multi-instance.mjs).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' } },
  allowPositionals: true,
});

/** @param {string} url @param {string} name */
function areaOf(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /packages\/([^/]+)\//.exec(url)?.[1];
  if (own) return `@coinslot/${own}`;
  const internal = /^node:internal\/([^/]+(?:\/[^/]+)?)/.exec(url)?.[1];
  if (internal) return `node:internal/${internal.replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return url;
  if (url.includes('/bench/')) return 'bench';
  return url;
}

for (const file of positionals) {
  /** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} */
  const profile = JSON.parse(await readFile(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const selfUs = new Map();
  // A sample's time is the gap to the next one (as DevTools counts it).
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  /** @type {Map<string, number>} */
  const perFunction = new Map();
  /** @type {Map<string, number>} */
  const perArea = new Map();
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${lineNumber + 1}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + us);
    const area = areaOf(url, functionName);
    perArea.set(area, (perArea.get(area) ?? 0) + us);
  }
  const busy = total - idle;
  const top = Number(values.top);
  const pct = (/** @type {number} */ us) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  process.stdout.write(`${file}: busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\n`);
  process.stdout.write('\nby area (self time):\n');
  for (const [area, us] of [...perArea].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`  ${pct(us)}  ${area}\n`);
  process.stdout.write('\nby function (self time):\n');
  for (const [name, us] of [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`  ${pct(us)}  ${name}\n`);
  // Inclusive: each sample counts once for every distinct function on its stack.
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of /** @type {any} */ (n).children ?? []) parentOf.set(c, n.id);
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url) continue;
      const key = `${frame.functionName || '(anonymous)'}  ${frame.url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  process.stdout.write('\nby function (inclusive: with what it calls):\n');
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`  ${pct(us)}  ${name}\n`);
  process.stdout.write('\n');
}

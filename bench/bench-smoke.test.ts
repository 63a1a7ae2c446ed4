import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Runs `npm run bench -- --smoke` for real and checks it produced a complete table of sane numbers.
// It asserts nothing about speed: timings belong to docs/performance.md, not to a pass/fail line.

const RUN = fileURLToPath(new URL('./run.mjs', import.meta.url));
const run = promisify(execFile);

const finitePositive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;

describe('npm run bench -- --smoke', () => {
  it('prints the whole table and every figure is a finite positive number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-bench-'));
    try {
      const json = join(dir, 'results.json');
      const { stdout } = await run(process.execPath, [RUN, '--smoke', '--json', json], { timeout: 170_000 });
      for (const heading of ['notify → verified result', 'server memory, held wait', 'requests per purchase', 'server signing', 'client verifySignedResult']) {
        expect(stdout).toContain(heading);
      }
      const results = JSON.parse(await readFile(json, 'utf8'));
      expect(results.latency.map((l: { strategy: string }) => l.strategy).sort()).toEqual(['coinslot', 'polling', 'sleep-loop']);
      for (const row of results.latency) {
        expect(row.notified, row.strategy).toBeGreaterThan(0);
        expect([row.unresolved, row.failed, row.notifyFailed], row.strategy).toEqual([0, 0, 0]);
        for (const figure of [row.latency.p50, row.latency.p99, row.latency.max]) expect(finitePositive(figure), row.strategy).toBe(true);
      }
      const memory = results.latency.find((l: { strategy: string }) => l.strategy === 'coinslot').memory;
      // The heap slope after forced GCs is reliably positive even at smoke size. The RSS slope over a few hundred
      // waits (≈ 2 MB) is inside the noise of page reuse and of other suites running beside this one, so here it is
      // only required to be a number; the real figure comes from the full run in docs/performance.md.
      expect(finitePositive(memory.heapPerWait), `heap per wait ${memory.heapPerWait}`).toBe(true);
      expect(Number.isFinite(memory.rssPerWait), `RSS per wait ${memory.rssPerWait}`).toBe(true);
      for (const count of results.counts) expect(finitePositive(count.requests) && finitePositive(count.storeReads)).toBe(true);
      expect(Object.values(results.crypto).every(finitePositive)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

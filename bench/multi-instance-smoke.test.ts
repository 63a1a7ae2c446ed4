import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Runs the multi-instance phase of `npm run bench` at smoke size for real (two or one pay server processes over one
// PostgreSQL schema per row, SDK clients, the channel's notifications) and checks it produced a complete table of sane
// numbers. Like bench-smoke.test.ts it asserts nothing about speed: the targets belong to the full run's table.

const RUN = fileURLToPath(new URL('./multi-instance/run-multi-instance.mjs', import.meta.url));
const run = promisify(execFile);
const finitePositive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;

describe('the multi-instance bench phase, smoke size', () => {
  it('resolves every wait on every row and measures paid commits with and without the PostgreSQL bus', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-bench-mi-'));
    try {
      const json = join(dir, 'results.json');
      const { stdout } = await run(process.execPath, [RUN, '--smoke', '--no-build', '--json', json], {
        timeout: 300_000, // 165 s once on a machine at load average 22
      });
      expect(stdout).toContain('Multi-instance: a wait held on instance A');
      expect(stdout).toContain('CPU per notification');
      expect(stdout).toContain('Paid-bill commits per second');
      // Each target is judged, whatever this machine makes of it.
      expect(stdout).toMatch(/≤ 25 ms: (met|\*\*MISSED\*\*)/);
      expect(stdout).toMatch(/≤ 50 ms: (met|\*\*MISSED\*\*)/);
      expect(stdout).toMatch(/≥ 80 %: (met|\*\*MISSED\*\*)/);
      const results = JSON.parse(await readFile(json, 'utf8'));
      expect(results.wake.map((row: { name: string }) => row.name)).toEqual([
        'one process',
        'PostgreSQL bus',
        'Redis bus',
        'Redis, read every 1 s (the original design)',
      ]);
      for (const row of results.wake) {
        expect([row.unresolved, row.notifyFailed], row.name).toEqual([0, 0]);
        expect(row.latency.count, row.name).toBe(results.notify * results.runs);
        for (const figure of [row.latency.p50, row.latency.p99, row.latency.max])
          expect(finitePositive(figure), row.name).toBe(true);
        expect(row.ratioPerRun.every(finitePositive), row.name).toBe(true);
        // Every part that works for a notification shows CPU time spent on it.
        const [cpu] = row.cpuPerRun;
        const parts =
          row.name === 'one process' ? [cpu.notified, cpu.clients] : [cpu.notified, cpu.waitedOn, cpu.clients];
        expect(parts.every(finitePositive), row.name).toBe(true);
      }
      expect([...results.commits.withBus, ...results.commits.without].every(finitePositive)).toBe(true);
      expect(results.commits.cpuWithBus[0].postgres, 'PostgreSQL backends found and metered').toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 310_000);
});

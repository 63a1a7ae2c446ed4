import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Runs `npm run bench -- --smoke` for real and checks it produced a complete table of sane numbers.
// It asserts nothing about speed: timings, and the targets as ratios to the limit row, belong to the bench's own
// table and docs/performance.md, not to a pass/fail line. `--no-build`: it runs dist/ as `npm test` built it
// (a test never rebuilds a package another change may be halfway through).

const RUN = fileURLToPath(new URL('./run.mjs', import.meta.url));
const run = promisify(execFile);

const finitePositive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;

describe('npm run bench -- --smoke', () => {
  it('prints the whole table and every figure is a finite positive number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-bench-'));
    try {
      const json = join(dir, 'results.json');
      const { stdout } = await run(process.execPath, [RUN, '--smoke', '--no-build', '--json', json], {
        timeout: 170_000,
      });
      const headings = [
        'notify → verified result',
        'targets',
        'server memory, held wait',
        'idle waits, background',
        'authentication, per request',
        'requests per purchase',
        'server signing',
        'client verifySignedResult',
        'webhooks, SQLite store',
        'paid commit → first attempt',
        'events dispatched per second',
      ];
      for (const heading of headings) {
        expect(stdout).toContain(heading);
      }
      // The run's own length, last (issue 16: the default run is to stay under two minutes).
      expect(stdout.trimEnd()).toMatch(/\ntotal: \d+ s \(--smoke run(; a build of \d+ s before it)?\)$/);
      const results = JSON.parse(await readFile(json, 'utf8'));
      expect(results.latency.map((l: { strategy: string }) => l.strategy).sort()).toEqual([
        'bare',
        'coinslot-auth',
        'polling',
        'sleep-loop',
      ]);
      for (const row of results.latency) {
        expect(row.notified, row.strategy).toBeGreaterThan(0);
        expect(row.runs.length, row.strategy).toBe(results.args.runs);
        expect(row.failed, row.strategy).toBe(0);
        for (const run of row.runs) {
          expect([run.unresolved, run.notifyFailed], row.strategy).toEqual([0, 0]);
          for (const figure of [
            run.latency.p50,
            run.latency.p99,
            run.latency.max,
            run.cpuMicrosPerNotification.server,
          ]) {
            expect(finitePositive(figure), row.strategy).toBe(true);
          }
        }
      }
      const idle = results.latency.filter((l: { idle?: unknown }) => l.idle);
      expect(idle.map((l: { strategy: string }) => l.strategy)).toEqual(['bare', 'coinslot-auth']);
      for (const l of idle) {
        expect(l.idle.microsPerReask.length, l.strategy).toBeGreaterThan(0);
        expect(l.idle.microsPerReask.every(finitePositive), l.strategy).toBe(true);
        expect(l.idle.clientMicrosPerReask.length, l.strategy).toBe(l.idle.microsPerReask.length);
        expect(l.idle.clientMicrosPerReask.every(finitePositive), l.strategy).toBe(true);
      }
      const memory = results.latency.find((l: { strategy: string }) => l.strategy === 'coinslot-auth').memory;
      // The heap slope after forced GCs is reliably positive even at smoke size. The RSS slope over a few hundred
      // waits (≈ 2 MB) is inside the noise of page reuse and of other suites running beside this one, so here it is
      // only required to be a number; the real figure comes from the full run in docs/performance.md.
      expect(finitePositive(memory.heapPerWait), `heap per wait ${memory.heapPerWait}`).toBe(true);
      expect(Number.isFinite(memory.rssPerWait), `RSS per wait ${memory.rssPerWait}`).toBe(true);
      for (const count of results.counts)
        expect(finitePositive(count.requests) && finitePositive(count.storeReads)).toBe(true);
      expect(Object.values(results.crypto).every(finitePositive)).toBe(true);
      // authenticate() per credential kind is a cost, so positive; the HTTP figures are differences of two noisy
      // medians (with a credential minus without) and may come out at or below zero for the cheap kinds.
      const auth = results.auth;
      expect(Object.keys(auth.authenticateMicros).sort()).toEqual(['bill token', 'none', 'player token', 'server key']);
      for (const [kind, runs] of Object.entries(auth.authenticateMicros) as [string, number[]][])
        expect(runs.length > 0 && runs.every(finitePositive), kind).toBe(true);
      expect(Object.keys(auth.httpExtraMicros).sort()).toEqual(['bill token', 'player token', 'server key']);
      for (const runs of Object.values(auth.httpExtraMicros) as number[][])
        expect(runs.length > 0 && runs.every(Number.isFinite)).toBe(true);
      // Webhooks: every run measured every bill (p50 ≤ p99 ≤ max, all positive), and the whole backlog was sent.
      const events = results.events;
      expect(events.latencyRuns).toHaveLength(events.options.runs);
      for (const run of events.latencyRuns) {
        expect(run.count).toBe(events.options.bills);
        expect([run.p50, run.p99, run.max].every(finitePositive)).toBe(true);
        expect(run.p50 <= run.p99 && run.p99 <= run.max).toBe(true);
      }
      expect(events.throughput.events).toBe(events.options.backlog);
      expect(finitePositive(events.throughput.perSecond)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('with --segments, prints where the held wait goes, every segment figure finite and ≥ 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-bench-'));
    try {
      const json = join(dir, 'results.json');
      const only = ['--strategies', 'coinslot-auth', '--no-auth', '--no-events', '--runs', '1'];
      const args = [RUN, '--smoke', '--no-build', ...only, '--segments', '--json', json];
      const { stdout } = await run(process.execPath, args, { timeout: 80_000 });
      expect(stdout).toContain("where the held wait's latency goes (--segments), auth");
      const results = JSON.parse(await readFile(json, 'utf8'));
      const held = results.latency.find((l: { strategy: string }) => l.strategy === 'coinslot-auth');
      // The limit row measures no segments; the held wait measures every one of them on every notified wait.
      expect(results.latency.find((l: { strategy: string }) => l.strategy === 'bare').segments).toBeUndefined();
      expect(held.segments.waits).toBe(held.notified);
      for (const f of [...held.segments.segments, held.segments.total]) {
        expect(f.count, f.label).toBe(held.notified);
        for (const figure of [f.p50, f.p90, f.p99])
          expect(Number.isFinite(figure) && figure >= 0, `${f.label}: ${figure}`).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

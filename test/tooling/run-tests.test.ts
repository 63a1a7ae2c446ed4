import { describe, expect, it } from 'vitest';
import { MachineNotReady, type StartedService } from '../../scripts/lib/test-machine.mjs';
import { runStep, runTests, STEPS, type TestRun } from '../../scripts/run-tests.mjs';

const POSTGRES: StartedService = { service: 'postgres', version: '15', port: 5432 };
const REDIS: StartedService = { service: 'redis', port: 6379 };
const step = (name: string) => ({ name, command: 'x', args: [] });

/** A run whose preparation starts `starts` (then throws `fails`, when given), whose steps exit with `statuses`. */
function fakeRun({
  starts = [POSTGRES],
  statuses = {},
  fails,
}: {
  starts?: StartedService[];
  statuses?: Record<string, number>;
  fails?: Error;
}) {
  const ran: string[] = [];
  const stopped: StartedService[][] = [];
  const lines: string[] = [];
  let interrupted = false;
  const testRun: TestRun = {
    prepare: async (started) => {
      started.push(...starts);
      if (fails) throw fails;
    },
    steps: ['lint', 'build', 'tests'].map(step),
    run: async ({ name }) => (ran.push(name), statuses[name] ?? 0),
    stop: (started) => (stopped.push([...started]), []),
    interrupted: () => interrupted,
    log: (line) => lines.push(line),
  };
  return { testRun, ran, stopped, lines, interrupt: () => (interrupted = true) };
}

describe('npm test (scripts/run-tests.mjs)', () => {
  it('runs the steps in order and stops what the preparation started after the last', async () => {
    const run = fakeRun({ starts: [POSTGRES, REDIS] });
    expect(await runTests(run.testRun)).toBe(0);
    expect(run.ran).toEqual(['lint', 'build', 'tests']);
    expect(run.stopped).toEqual([[POSTGRES, REDIS]]);
  });

  it('stops at the first failing step with its status, and still stops the services', async () => {
    const run = fakeRun({ statuses: { build: 2 } });
    expect(await runTests(run.testRun)).toBe(2);
    expect(run.ran).toEqual(['lint', 'build']);
    expect(run.stopped).toEqual([[POSTGRES]]);
    expect(run.lines).toEqual(['test: build failed (exit 2)']);
  });

  it('stops what was started before a preparation step failed, and runs no step', async () => {
    const run = fakeRun({ fails: new MachineNotReady('redis-server did not start') });
    expect(await runTests(run.testRun)).toBe(1);
    expect(run.ran).toEqual([]);
    expect(run.stopped).toEqual([[POSTGRES]]);
    expect(run.lines).toEqual(['prepare: redis-server did not start']);
  });

  it('stops the services when a step throws, and lets the error through', async () => {
    const run = fakeRun({});
    run.testRun.run = async () => {
      throw new Error('spawn broke');
    };
    await expect(runTests(run.testRun)).rejects.toThrow('spawn broke');
    expect(run.stopped).toEqual([[POSTGRES]]);
  });

  it('starts no further step after Ctrl-C, exits 130 and stops the services', async () => {
    const run = fakeRun({});
    const inner = run.testRun.run;
    run.testRun.run = async (s) => (run.interrupt(), inner(s));
    expect(await runTests(run.testRun)).toBe(130);
    expect(run.ran).toEqual(['lint']);
    expect(run.stopped).toEqual([[POSTGRES]]);
  });

  it('stops nothing when nothing was started (the services were running already)', async () => {
    const run = fakeRun({ starts: [] });
    expect(await runTests(run.testRun)).toBe(0);
    expect(run.stopped).toEqual([[]]);
  });

  it("runs a step as a real process and answers its exit status; the steps are the test script's", async () => {
    expect(await runStep({ name: 'ok', command: process.execPath, args: ['-e', 'process.exit(0)'] })).toBe(0);
    expect(await runStep({ name: 'bad', command: process.execPath, args: ['-e', 'process.exit(3)'] })).toBe(3);
    expect(await runStep({ name: 'missing', command: '/nonexistent/command', args: [] })).toBe(1);
    expect(STEPS.map((s) => s.name)).toEqual(['lint', 'build', 'typecheck', 'tests', 'package checks', 'size budget']);
  });
});

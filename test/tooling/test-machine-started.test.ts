import { describe, expect, it } from 'vitest';
import {
  ensurePostgres,
  ensureRedis,
  isListening,
  type Machine,
  type StartedService,
  stopStarted,
  thisMachine,
} from '../../scripts/lib/test-machine.mjs';
import { freePort } from './free-port.js';

/** A root machine with PostgreSQL 15 and redis-server installed; `up` ports listen. Records the commands it runs. */
function machineWith(up: Set<number>, status: (command: string) => number = () => 0) {
  const commands: string[] = [];
  const lines: string[] = [];
  const machine: Machine & { isRedis: () => Promise<boolean> } = {
    run: (command, args) => {
      commands.push([command, ...args].join(' '));
      // A start makes its port listen, as the real commands do.
      if (command === 'pg_ctlcluster' && args.includes('start')) up.add(5432);
      if (command === 'redis-server') up.add(Number(args[args.indexOf('--port') + 1]));
      return status(command);
    },
    capture: (command, args) => (commands.push([command, ...args].join(' ')), { status: 0, stdout: '1,1\n' }),
    exists: () => true,
    list: (dir) => (dir === '/etc/postgresql' ? ['15'] : []),
    listening: async (port) => up.has(port),
    isRedis: async () => true,
    root: true,
    log: (line) => lines.push(line),
  };
  return { machine, commands, lines };
}

describe('what npm test started, and only that, is stopped', () => {
  it('records a PostgreSQL cluster and a Redis it started, and stops both, newest first', async () => {
    const { machine, commands, lines } = machineWith(new Set());
    const started: StartedService[] = [];
    await ensurePostgres({ machine, env: {}, started });
    await ensureRedis({ machine, env: {}, started });
    expect(started).toEqual([
      { service: 'postgres', version: '15', port: 5432 },
      { service: 'redis', port: 6379 },
    ]);
    commands.length = 0;
    expect(stopStarted(started, machine)).toEqual([]);
    expect(commands).toEqual([
      'redis-cli -h 127.0.0.1 -p 6379 shutdown nosave',
      'pg_ctlcluster --skip-systemctl-redirect 15 main stop',
    ]);
    expect(lines.slice(-2)).toEqual([
      'test: stopping the redis-server on 127.0.0.1:6379, which npm test started',
      'test: stopping PostgreSQL 15, which npm test started',
    ]);
  });

  it('records nothing for services the machine already had running, so nothing is stopped', async () => {
    const { machine, commands } = machineWith(new Set([5432, 6379]));
    const started: StartedService[] = [];
    await ensurePostgres({ machine, env: {}, started });
    await ensureRedis({ machine, env: {}, started });
    expect(started).toEqual([]);
    expect(commands.some((command) => /pg_ctlcluster|redis-server/.test(command))).toBe(false);
    commands.length = 0;
    stopStarted(started, machine);
    expect(commands).toEqual([]);
  });

  it('records only the one it started when the other was running', async () => {
    const { machine } = machineWith(new Set([5432]));
    const started: StartedService[] = [];
    await ensurePostgres({ machine, env: {}, started });
    await ensureRedis({ machine, env: {}, started });
    expect(started).toEqual([{ service: 'redis', port: 6379 }]);
  });

  it('records nothing when the tests are pointed at services of their own', async () => {
    const { machine, commands } = machineWith(new Set());
    const started: StartedService[] = [];
    const env = { COINSLOT_TEST_DATABASE_URL: 'postgres://x/db', COINSLOT_TEST_REDIS_URL: 'redis://x' };
    await ensurePostgres({ machine, env, started });
    await ensureRedis({ machine, env, started });
    expect(started).toEqual([]);
    expect(commands).toEqual([]);
  });

  it('records a service whose start command succeeded even when it never listens, so it is still stopped', async () => {
    const { machine } = machineWith(new Set());
    machine.listening = async () => false; // started, but not up within waitMs
    const started: StartedService[] = [];
    await expect(ensureRedis({ machine, env: {}, started, waitMs: 300 })).rejects.toThrow(/did not start/);
    await expect(ensurePostgres({ machine, env: {}, started, waitMs: 300 })).rejects.toThrow(/did not start/);
    expect(started).toEqual([
      { service: 'redis', port: 6379 },
      { service: 'postgres', version: '15', port: 5432 },
    ]);
  });

  it('stops through sudo when not root, tries every service when one fails, and names those that did not stop', async () => {
    const { machine, commands, lines } = machineWith(new Set(), (command) => (command === 'redis-cli' ? 1 : 0));
    machine.root = false;
    const started: StartedService[] = [
      { service: 'postgres', version: '15', port: 5432 },
      { service: 'redis', port: 6380 },
    ];
    expect(stopStarted(started, machine)).toEqual([{ service: 'redis', port: 6380 }]);
    expect(commands).toEqual([
      'redis-cli -h 127.0.0.1 -p 6380 shutdown nosave',
      'sudo pg_ctlcluster --skip-systemctl-redirect 15 main stop',
    ]);
    expect(lines).toContain('test: it did not stop (exit 1): stop it yourself');
  });

  it('stops a real redis-server it started on a free port, and leaves the one on 6379 running', async () => {
    const port = await freePort();
    const started: StartedService[] = [];
    const quiet = { ...thisMachine, log: () => undefined };
    expect(await ensureRedis({ port, fallbackPort: port, machine: quiet, env: {}, started })).toBe(port);
    expect(await ensureRedis({ machine: quiet, env: {}, started })).toBe(6379); // running already: not recorded
    expect(started).toEqual([{ service: 'redis', port }]);
    expect(await isListening(port)).toBe(true);
    expect(stopStarted(started, quiet)).toEqual([]);
    for (let i = 0; i < 50 && (await isListening(port)); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await isListening(port)).toBe(false);
    expect(await isListening(6379)).toBe(true);
  }, 20_000);
});

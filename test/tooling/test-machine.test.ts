import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  ensureChromium,
  ensurePostgres,
  ensureRedis,
  isListening,
  MachineNotReady,
  thisMachine,
  type Machine,
} from '../../scripts/lib/test-machine.mjs';

/** A machine where nothing is installed or listening; records the commands it is asked to run. */
function bareMachine(
  overrides: Partial<Machine> & { status?: (command: string, args: string[]) => number | null } = {},
) {
  const commands: string[] = [];
  const lines: string[] = [];
  const machine: Machine = {
    run: (command, args) => {
      commands.push([command, ...args].join(' '));
      return overrides.status ? overrides.status(command, args) : 0;
    },
    exists: () => false,
    list: () => [],
    listening: async () => false,
    root: false,
    log: (line) => lines.push(line),
    ...overrides,
  };
  return { machine, commands, lines };
}

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ensureChromium', () => {
  it('does nothing when /usr/bin/chromium exists', () => {
    const { machine, commands } = bareMachine({ exists: (path) => path === '/usr/bin/chromium' });
    ensureChromium(machine);
    expect(commands).toEqual([]);
  });

  it("installs Debian's chromium with sudo, non-interactively and without recommends, saying so in one line", () => {
    let installed = false;
    const { machine, commands, lines } = bareMachine({
      exists: (path) => path === '/usr/bin/sudo' || (path === '/usr/bin/chromium' && installed),
      status: (_command, args) => ((installed ||= args.includes('install')), 0),
    });
    ensureChromium(machine);
    expect(commands).toEqual([
      'sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update',
      'sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium',
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/installing Debian's chromium/);
  });

  it('runs apt-get itself as root', () => {
    let installed = false;
    const { machine, commands } = bareMachine({
      root: true,
      exists: (path) => path === '/usr/bin/chromium' && installed,
      status: () => ((installed = true), 0),
    });
    ensureChromium(machine);
    expect(commands.every((command) => command.startsWith('env DEBIAN_FRONTEND=noninteractive apt-get'))).toBe(true);
  });

  it('fails with what to do when apt-get fails', () => {
    const { machine } = bareMachine({
      exists: (path) => path === '/usr/bin/sudo',
      status: (_c, args) => (args.includes('install') ? 100 : 0),
    });
    expect(() => ensureChromium(machine)).toThrow(MachineNotReady);
    expect(() => ensureChromium(machine)).toThrow(
      /apt-get install chromium` failed \(exit 100\)\. Install it yourself \(`sudo apt-get install -y chromium`\)/,
    );
  });

  it('fails with what to do when neither root nor sudo can install', () => {
    const { machine, commands } = bareMachine();
    expect(() => ensureChromium(machine)).toThrow(
      /without root or sudo it cannot be installed: run as root `apt-get install -y chromium`/,
    );
    expect(commands).toEqual([]);
  });
});

describe('ensurePostgres', () => {
  it('installs postgresql and starts the newest cluster when nothing listens', async () => {
    let started = false;
    const { machine, commands } = bareMachine({
      root: true,
      list: (dir) => (dir === '/etc/postgresql' ? ['13', '15'] : []),
      listening: async () => started,
      status: (command) => ((started ||= command === 'pg_ctlcluster'), 0),
    });
    await ensurePostgres({ machine });
    expect(commands.at(-2)).toBe(
      'env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql',
    );
    expect(commands.at(-1)).toBe('pg_ctlcluster --skip-systemctl-redirect 15 main start');
  });

  it('leaves a running server alone (this machine: 127.0.0.1:5432)', async () => {
    const { machine, commands } = bareMachine({ listening: thisMachine.listening });
    await ensurePostgres({ machine });
    expect(commands).toEqual([]);
    expect(await isListening(5432)).toBe(true);
  });
});

describe('ensureRedis', () => {
  it('leaves a running server alone (this machine: 127.0.0.1:6379)', async () => {
    const { machine, commands } = bareMachine({ listening: thisMachine.listening });
    await ensureRedis({ machine });
    expect(commands).toEqual([]);
  });

  it('starts a redis-server on loopback that saves nothing, when none listens on the port', async () => {
    const port = await freePort();
    expect(await isListening(port)).toBe(false);
    await ensureRedis({ port });
    try {
      expect(await isListening(port)).toBe(true);
    } finally {
      await redisCommand(port, 'SHUTDOWN NOSAVE');
    }
    expect(await isListening(port)).toBe(false);
  }, 20_000);

  it('fails with what to do when the server does not come up', async () => {
    const { machine } = bareMachine({ exists: () => true, status: () => 1 });
    await expect(ensureRedis({ port: 1, machine, waitMs: 300 })).rejects.toThrow(
      /redis-server did not start on 127\.0\.0\.1:1: run `redis-server --bind 127\.0\.0\.1 --port 1`/,
    );
  });
});

/** Sends one inline command to the Redis on `port` and waits for the connection to close. */
async function redisCommand(port: number, command: string): Promise<void> {
  const { connect } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(`${command}\r\n`));
    socket.on('error', reject).on('close', () => resolve());
    socket.resume();
  });
}

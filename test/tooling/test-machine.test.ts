import { describe, expect, it } from 'vitest';
import {
  ensureChromium,
  ensurePostgres,
  ensureRedis,
  isListening,
  MachineNotReady,
  POSTGRES_TEST,
  thisMachine,
  type Machine,
} from '../../scripts/lib/test-machine.mjs';
import { freePort } from './free-port.js';

/** A machine where nothing is installed or listening; records the commands it is asked to run. */
function bareMachine(
  overrides: Partial<Machine> & {
    status?: (command: string, args: string[]) => number | null;
    /** What a captured command prints. @default '' */
    stdout?: (command: string, args: string[]) => string;
  } = {},
) {
  const commands: string[] = [];
  const lines: string[] = [];
  const machine: Machine = {
    run: (command, args) => {
      commands.push([command, ...args].join(' '));
      return overrides.status ? overrides.status(command, args) : 0;
    },
    capture: (command, args) => {
      commands.push([command, ...args].join(' '));
      const status = overrides.status ? overrides.status(command, args) : 0;
      return { status, stdout: overrides.stdout ? overrides.stdout(command, args) : '' };
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

/** The psql statement of a recorded command (its last argument). */
const sqlOf = (command: string) => command.slice(command.lastIndexOf(' -c ') + 4);

describe('ensurePostgres', () => {
  const grant = 'GRANT CONNECT, CREATE ON DATABASE test TO coinslot_test';

  it('installs postgresql and starts the newest cluster when nothing listens', async () => {
    let started = false;
    const { machine, commands } = bareMachine({
      root: true,
      list: (dir) => (dir === '/etc/postgresql' ? ['13', '15'] : []),
      listening: async () => started,
      status: (command) => ((started ||= command === 'pg_ctlcluster'), 0),
      stdout: () => '1,1\n',
    });
    await ensurePostgres({ machine, env: {} });
    expect(commands.slice(1, 3)).toEqual([
      'env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql',
      'pg_ctlcluster --skip-systemctl-redirect 15 main start',
    ]);
    expect(commands.slice(3).map(sqlOf)).toEqual([expect.stringMatching(/^SELECT .*pg_roles.*pg_database/), grant]);
  });

  it("creates the tests' role and database when missing, as the postgres superuser, saying so in one line", async () => {
    const { machine, commands, lines } = bareMachine({
      root: true,
      listening: async () => true,
      stdout: () => '0,0\n',
    });
    await ensurePostgres({ machine, env: {} });
    expect(
      commands.every((command) => command.startsWith('runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1')),
    ).toBe(true);
    expect(commands.slice(1).map(sqlOf)).toEqual([
      `CREATE ROLE ${POSTGRES_TEST.role} LOGIN PASSWORD '${POSTGRES_TEST.password}'`,
      `CREATE DATABASE ${POSTGRES_TEST.database}`,
      grant,
    ]);
    expect(lines).toEqual(["prepare: creating the PostgreSQL tests' role coinslot_test and database test"]);
  });

  it('goes through sudo -u postgres when not root', async () => {
    const { machine, commands } = bareMachine({
      exists: (path) => path === '/usr/bin/sudo',
      listening: async () => true,
      stdout: () => '1,0\n',
    });
    await ensurePostgres({ machine, env: {} });
    expect(commands.every((command) => command.startsWith('sudo -u postgres psql '))).toBe(true);
    expect(commands.slice(1).map(sqlOf)).toEqual(['CREATE DATABASE test', grant]);
  });

  it('fails with what to do when psql cannot ask, or without root or sudo', async () => {
    const failing = bareMachine({ root: true, listening: async () => true, status: () => 2 });
    await expect(ensurePostgres({ machine: failing.machine, env: {} })).rejects.toThrow(
      /could not ask PostgreSQL \(psql as postgres, exit 2\): create them yourself .*or set COINSLOT_TEST_DATABASE_URL/,
    );
    const unprivileged = bareMachine({ listening: async () => true });
    await expect(ensurePostgres({ machine: unprivileged.machine, env: {} })).rejects.toThrow(MachineNotReady);
    expect(unprivileged.commands).toEqual([]);
  });

  it('does nothing when COINSLOT_TEST_DATABASE_URL names the database to use', async () => {
    const { machine, commands } = bareMachine();
    await ensurePostgres({ machine, env: { COINSLOT_TEST_DATABASE_URL: 'postgres://elsewhere/db' } });
    expect(commands).toEqual([]);
  });

  it("leaves a running server alone, and a second run finds the tests' role and database (this machine)", async () => {
    const { machine, lines } = bareMachine({ ...thisMachine, log: (line) => lines.push(line) });
    await ensurePostgres({ machine, env: {} });
    lines.length = 0; // the first run may have created them, if nothing prepared this machine before
    await ensurePostgres({ machine, env: {} });
    expect(lines).toEqual([]);
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

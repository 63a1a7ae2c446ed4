// @ts-check
/**
 * Run first by `npm test` (and `.ci/run`): brings what the suite needs on this machine, from Debian's packages.
 *
 *   node scripts/prepare-test-machine.mjs                        Chromium (/usr/bin/chromium) and a python3 with
 *                                                                cryptography (examples/python-receiver), installed when missing
 *   node scripts/prepare-test-machine.mjs --with postgres,redis  also PostgreSQL on :5432 and Redis on :6379 (:6380 when
 *                                                                something else holds 6379), started when absent
 *                                                                (PostgreSQL with the tests' role and database, made
 *                                                                when missing; none of it with COINSLOT_TEST_DATABASE_URL
 *                                                                or COINSLOT_TEST_REDIS_URL)
 *
 * Fails with what to do when it cannot; the suite never skips what is missing. Run by hand, it leaves the services it
 * started running (and says which); `npm test` (scripts/run-tests.mjs) stops them again when it ends.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  aptInstall,
  ensureChromium,
  ensurePostgres,
  ensureRedis,
  MachineNotReady,
  thisMachine,
} from './lib/test-machine.mjs';

/** The services `--with` may name. */
export const SERVICES = { postgres: ensurePostgres, redis: ensureRedis };

/** The Python receiver example's test runs `python3` or `/usr/bin/python3`, whichever imports `cryptography`. */
function ensurePythonCryptography() {
  const imports = (/** @type {string} */ python) =>
    spawnSync(python, ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0;
  if (imports('python3') || imports('/usr/bin/python3')) return;
  console.log(
    "prepare: no python3 with cryptography, installing Debian's python3-cryptography for the Python receiver test",
  );
  aptInstall(thisMachine, ['python3-cryptography'], 'The Python receiver test');
}

/**
 * Brings Chromium, Python's cryptography and the `wanted` services. Every service it starts is added to `started` as
 * soon as it runs — also when a later step throws — so the caller can stop exactly those (stopStarted).
 * @param {string[]} wanted names of {@link SERVICES}
 * @param {import('./lib/test-machine.mjs').StartedService[]} started
 */
export async function prepareTestMachine(wanted, started) {
  ensureChromium();
  ensurePythonCryptography();
  for (const name of wanted) await SERVICES[/** @type {keyof typeof SERVICES} */ (name)]({ started });
}

/**
 * The `--with` lists of `args` as service names; exits 2 on a name that is not one of {@link SERVICES}.
 * @param {string[]} args
 */
export function wantedServices(args) {
  const { values } = parseArgs({ args, options: { with: { type: 'string', multiple: true, default: [] } } });
  const wanted = values.with.flatMap((list) => list.split(',')).filter(Boolean);
  const unknown = wanted.filter((name) => !(name in SERVICES));
  if (unknown.length > 0) {
    console.error(`prepare: unknown service ${unknown.join(', ')} (known: ${Object.keys(SERVICES).join(', ')})`);
    process.exit(2);
  }
  return wanted;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  /** @type {import('./lib/test-machine.mjs').StartedService[]} */
  const started = [];
  try {
    await prepareTestMachine(wantedServices(process.argv.slice(2)), started);
  } catch (error) {
    if (!(error instanceof MachineNotReady)) throw error;
    console.error(`prepare: ${error.message}`);
    process.exitCode = 1;
  }
  for (const service of started)
    console.log(
      `prepare: left ${service.service} running on 127.0.0.1:${service.port} (started here; stop it when done)`,
    );
}

import { readFileSync } from 'node:fs';
import type { PayServerConformanceOptions, ResultAlgorithmName } from './pay-server-options.js';

export const USAGE = `Usage: coinslot-conformance --url <pay server URL> [--sandbox-secret-file <file>] [options]

Checks a running pay server against docs/protocol.md, one line per check; exits 1 when a check fails.
Secrets come from files or the environment, never from the command line: the sandbox secret from
--sandbox-secret-file or $COINSLOT_SANDBOX_SECRET, a server key from --server-key-file or $COINSLOT_SERVER_KEY.

  --url <url>                 the pay server's base URL (required)
  --sandbox-secret-file <f>   a file holding the server's sandbox secret (trailing newline ignored)
  --server-key-file <f>       a file holding one of the server's keys (csk_…): runs in server-key mode,
                              with the credential and cross-player checks; without a key (here or in
                              $COINSLOT_SERVER_KEY) the server is taken to run in development mode
  --delivered-by <who>        the server's deliveredBy setting, player (default) or server
  --catalog                   the server prices from its catalog, with conformance-gem at 499 USD per unit
  --algorithms <list>         the signing algorithms the server runs, e.g. ES256 or ES256,EdDSA
  --origin <origin>           the Origin sent with every request (default https://game.example)
  --bill-ttl-ms <ms>          the server's bill lifetime, when ≤ 20000: runs the expiry check
  --timeout-ms <ms>           the longest one check may take (default 30000)
  --only <id,id>              run only these checks

Player-token mode needs a function that mints a token for any player: use runPayServerConformance
from @coinslot/testing/pay-server with auth: { mode: 'player-tokens', playerToken }.`;

/** A command line that cannot run: the message, then the usage, and exit code 2. */
export class UsageError extends Error {}

const VALUED = new Set([
  '--url',
  '--sandbox-secret-file',
  '--server-key-file',
  '--delivered-by',
  '--algorithms',
  '--origin',
  '--bill-ttl-ms',
  '--timeout-ms',
  '--only',
]);

/** A secret from `file` (trailing newline ignored), else from `fallback`. @throws UsageError when the file cannot be read */
function secretFrom(flag: string, file: string | undefined, fallback: string | undefined): string | undefined {
  if (file === undefined) return fallback;
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new UsageError(`cannot read ${flag} ${file}: ${(error as Error).message}`);
  }
}

/** Reads the command line and the environment into suite options. @throws UsageError */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): PayServerConformanceOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--sandbox-secret')
      throw new UsageError(
        '--sandbox-secret is refused: a secret on the command line is visible to every user (ps); use --sandbox-secret-file or $COINSLOT_SANDBOX_SECRET',
      );
    if (flag === '--server-key')
      throw new UsageError(
        '--server-key is refused: a secret on the command line is visible to every user (ps); use --server-key-file or $COINSLOT_SERVER_KEY',
      );
    if (flag === '--catalog' && inline === undefined) {
      values.set(flag, 'yes');
      continue;
    }
    if (!VALUED.has(flag)) throw new UsageError(`unknown argument ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const url = values.get('--url');
  if (url === undefined) throw new UsageError('--url is required');
  const sandboxSecret = secretFrom(
    '--sandbox-secret-file',
    values.get('--sandbox-secret-file'),
    env.COINSLOT_SANDBOX_SECRET,
  );
  if (!sandboxSecret)
    throw new UsageError('the sandbox secret is missing: give --sandbox-secret-file or set COINSLOT_SANDBOX_SECRET');
  const number = (flag: string) => {
    const text = values.get(flag);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number of ms`);
    return Number(text);
  };
  const list = (flag: string) =>
    values
      .get(flag)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const options: PayServerConformanceOptions = { url, sandboxSecret };
  const serverKey = secretFrom(
    '--server-key-file',
    values.get('--server-key-file'),
    env.COINSLOT_SERVER_KEY || undefined,
  );
  const deliveredBy = values.get('--delivered-by');
  if (deliveredBy !== undefined && deliveredBy !== 'player' && deliveredBy !== 'server')
    throw new UsageError('--delivered-by must be player or server');
  if (serverKey !== undefined)
    options.auth = { mode: 'server-key', serverKey, ...(deliveredBy ? { deliveredBy } : {}) };
  else if (deliveredBy !== undefined)
    throw new UsageError('--delivered-by needs a server key (--server-key-file or $COINSLOT_SERVER_KEY)');
  const algorithms = list('--algorithms');
  if (algorithms) options.algorithms = algorithms as ResultAlgorithmName[];
  const origin = values.get('--origin');
  if (origin !== undefined) options.origin = origin;
  const ttl = number('--bill-ttl-ms');
  if (ttl !== undefined) options.billTtlMs = ttl;
  const timeout = number('--timeout-ms');
  if (timeout !== undefined) options.timeoutMs = timeout;
  const only = list('--only');
  if (only) options.only = only;
  if (values.has('--catalog')) options.catalog = true;
  return options;
}

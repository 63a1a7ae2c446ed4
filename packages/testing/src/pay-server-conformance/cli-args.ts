import { readFileSync } from 'node:fs';
import type { PayServerConformanceOptions, ResultAlgorithmName } from './pay-server-options.js';

export const USAGE = `Usage: coinslot-conformance --url <pay server URL> [--sandbox-secret-file <file>] [options]

Checks a running pay server against docs/protocol.md, one line per check; exits 1 when a check fails.
The sandbox secret comes from --sandbox-secret-file or $COINSLOT_SANDBOX_SECRET, never from the command line.

  --url <url>                 the pay server's base URL (required)
  --sandbox-secret-file <f>   a file holding the server's sandbox secret (trailing newline ignored)
  --algorithms <list>         the signing algorithms the server runs, e.g. ES256 or ES256,EdDSA
  --origin <origin>           the Origin sent with every request (default https://game.example)
  --bill-ttl-ms <ms>          the server's bill lifetime, when ≤ 20000: runs the expiry check
  --timeout-ms <ms>           the longest one check may take (default 30000)
  --only <id,id>              run only these checks`;

/** A command line that cannot run: the message, then the usage, and exit code 2. */
export class UsageError extends Error {}

const VALUED = new Set(['--url', '--sandbox-secret-file', '--algorithms', '--origin', '--bill-ttl-ms', '--timeout-ms', '--only']);

/** Reads the command line and the environment into suite options. @throws UsageError */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): PayServerConformanceOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--sandbox-secret') throw new UsageError('--sandbox-secret is refused: a secret on the command line is visible to every user (ps); use --sandbox-secret-file or $COINSLOT_SANDBOX_SECRET');
    if (!VALUED.has(flag)) throw new UsageError(`unknown argument ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const url = values.get('--url');
  if (url === undefined) throw new UsageError('--url is required');
  const file = values.get('--sandbox-secret-file');
  let sandboxSecret = env.COINSLOT_SANDBOX_SECRET;
  if (file !== undefined) {
    try {
      sandboxSecret = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new UsageError(`cannot read --sandbox-secret-file ${file}: ${(error as Error).message}`);
    }
  }
  if (!sandboxSecret) throw new UsageError('the sandbox secret is missing: give --sandbox-secret-file or set COINSLOT_SANDBOX_SECRET');
  const number = (flag: string) => {
    const text = values.get(flag);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number of ms`);
    return Number(text);
  };
  const list = (flag: string) => values.get(flag)?.split(',').map((item) => item.trim()).filter(Boolean);
  const options: PayServerConformanceOptions = { url, sandboxSecret };
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
  return options;
}

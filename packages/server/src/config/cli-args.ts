import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configError } from './config-error.js';
import type { Raw } from './config-fields.js';

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'keygen'; what: 'server-key' | 'webhook-secret' }
  | { kind: 'hash-password' }
  | { kind: 'start'; configPath: string | undefined; dev: boolean; overrides: Raw };

const OPTIONS = {
  config: { type: 'string' },
  dev: { type: 'boolean', default: false },
  port: { type: 'string' },
  host: { type: 'string' },
  'public-url': { type: 'string' },
  'data-dir': { type: 'string' },
  'key-file': { type: 'string' },
  store: { type: 'string' },
  bus: { type: 'string' },
  catalog: { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flags that took secrets once: a command line is visible to every user of the machine (`ps`). */
const REMOVED: Record<string, string> = {
  '--sandbox-secret':
    '--sandbox-secret was removed: a secret on a command line is visible to every user (ps). Set $COINSLOT_SANDBOX_SECRET, or "channels": { "sandbox": { "secret": { "file": "…" } } } in the --config file',
};

/**
 * Reads `argv` (without `node` and the script). Flags override the configuration file; paths given as flags are
 * taken from the current directory (paths in the file from the file's folder).
 */
export function parseCliArgs(argv: readonly string[], cwd = process.cwd()): CliCommand {
  if (argv[0] === 'keygen') {
    if (argv.length === 1) return { kind: 'keygen', what: 'server-key' };
    if (argv.length === 2 && argv[1] === 'webhook-secret') return { kind: 'keygen', what: 'webhook-secret' };
    throw configError('command line', 'keygen takes nothing (a server key) or "webhook-secret" (see --help)');
  }
  if (argv[0] === 'admin') {
    if (argv.length === 2 && argv[1] === 'hash-password') return { kind: 'hash-password' };
    throw configError('command line', 'admin takes "hash-password" (it reads the password from standard input)');
  }
  for (const arg of argv) {
    const removed = REMOVED[arg.split('=', 1)[0]!];
    if (removed) throw new Error(removed);
  }
  let values: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: false }>
  >['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw configError('command line', `${(error as Error).message} (see --help)`);
  }
  if (values.help) return { kind: 'help' };
  const overrides: Raw = {};
  if (values.dev) overrides.mode = 'development';
  if (values.port !== undefined) overrides.port = /^\d+$/.test(values.port) ? Number(values.port) : values.port;
  if (values.host !== undefined) overrides.host = values.host;
  if (values['public-url'] !== undefined) overrides.publicUrl = values['public-url'];
  if (values['data-dir'] !== undefined) overrides.dataDir = resolve(cwd, values['data-dir']);
  if (values['key-file'] !== undefined) overrides.keyFile = resolve(cwd, values['key-file']);
  if (values.store !== undefined) overrides.store = values.store;
  if (values.bus !== undefined) overrides.bus = values.bus;
  if (values.catalog !== undefined) overrides.catalog = resolve(cwd, values.catalog);
  const cors = values['cors-origin'];
  if (cors !== undefined) overrides.corsOrigins = cors.length === 1 && cors[0] === '*' ? '*' : cors;
  return { kind: 'start', configPath: values.config, dev: values.dev === true, overrides };
}

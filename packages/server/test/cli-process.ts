import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const PACKAGE = resolve(import.meta.dirname, '..');
const VITE_NODE = resolve(PACKAGE, '../../node_modules/.bin/vite-node');
const children = new Set<ChildProcess>();

/** A `coinslot-server` process run from source. */
export interface CliProcess {
  child: ChildProcess;
  url: string;
  output(): string;
}

/** How to start the CLI. */
export interface CliRunOptions {
  /** Pass `--dev`. @default true */
  dev?: boolean;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /**
   * Run the built `dist/cli.js` with plain Node instead of the source under vite-node, whose module server closes
   * once the entry's top level ran, so a module first imported later (a channel package) never loads there.
   * @default false
   */
  built?: boolean;
}

function spawnCli(cwd: string, args: string[], { dev = true, env = {}, built = false }: CliRunOptions): ChildProcess {
  const flags = [...(dev ? ['--dev'] : []), ...args];
  const [command, commandArgs] = built
    ? [process.execPath, [join(PACKAGE, 'dist/cli.js'), ...flags]]
    : [VITE_NODE, [join(PACKAGE, 'src/cli.ts'), '--', ...flags]];
  const child = spawn(command, commandArgs, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs the CLI to its exit (a refusal, `keygen`, `--help`); answers its exit code and everything it printed. */
export function runCliToExit(
  cwd: string,
  args: string[],
  options: CliRunOptions = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawnCli(cwd, args, options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after 30 s:\n${output}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Starts the CLI from source in `cwd` on a free port (with `--dev` unless told); resolves once it prints its URL. */
export function startCli(cwd: string, args: string[] = [], options: CliRunOptions = {}): Promise<CliProcess> {
  const child = spawnCli(cwd, ['--port', '0', ...args], options);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code ?? signal}:\n${output}`));
    });
  });
}

/** `kill -9`: no handler runs, nothing is flushed; resolves once the process is gone. */
export function killHard(cli: CliProcess): Promise<void> {
  return new Promise((resolve) => {
    if (cli.child.exitCode !== null || cli.child.signalCode !== null) return resolve();
    cli.child.once('exit', () => resolve());
    cli.child.kill('SIGKILL');
  });
}

/** Kills every CLI a test left running (call in `afterEach`). */
export async function killAllClis(): Promise<void> {
  await Promise.all([...children].map((child) => killHard({ child, url: '', output: () => '' })));
}

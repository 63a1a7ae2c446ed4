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

/** Starts the CLI from source in `cwd`; resolves once it prints its URL. */
export function startCli(cwd: string, args: string[] = []): Promise<CliProcess> {
  const child = spawn(VITE_NODE, [join(PACKAGE, 'src/cli.ts'), '--', '--port', '0', '--dev', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
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

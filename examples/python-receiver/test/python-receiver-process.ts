import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const RECEIVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'receiver.py');

/** A line receiver.py printed about a webhook: one it recorded (or found a duplicate of), or one it refused. */
export type ReceiverRecord =
  | { id: string; type: string; billId: string; state: string; duplicate: boolean }
  | { refused: string; webhookId: string | null };

/**
 * The Python that runs the example: `python3` on PATH when it imports `cryptography`, else Debian's
 * `/usr/bin/python3` (scripts/prepare-test-machine.mjs installs `python3-cryptography` for it). Throws, never skips.
 */
export function findPython(): string {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0) return python;
  }
  throw new Error(
    'No python3 with the cryptography package: run `node scripts/prepare-test-machine.mjs` (it installs Debian’s python3-cryptography)',
  );
}

const running = new Set<ChildProcess>();

/** Starts receiver.py on a free loopback port (`--port 0`); resolves once it printed where it listens. */
export async function startReceiver(options: { publicKey?: string; secret?: string; db: string }) {
  const args = [RECEIVER, '--port', '0', '--db', options.db];
  if (options.publicKey) args.push('--public-key', options.publicKey);
  // The HMAC secret travels in the environment, as receiver.py takes it: never on a command line.
  const env = { ...process.env, COINSLOT_WEBHOOK_SECRET: options.secret ?? '' };
  const child = spawn(findPython(), args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const records: ReceiverRecord[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const record = JSON.parse(line);
      if (typeof record.listening === 'string') resolve(record.listening);
      else records.push(record);
    });
    child.once('exit', (code) => reject(new Error(`receiver.py exited (${code}) before listening: ${stderr}`)));
  });
  /** Waits until receiver.py printed `count` records: its stdout may trail its HTTP answer. */
  const recorded = async (count: number): Promise<ReceiverRecord[]> => {
    for (let waited = 0; records.length < count && waited < 5000; waited += 20) await sleep(20);
    return records;
  };
  return { url, records, recorded, stop: () => stop(child) };
}

/** Stops every receiver.py the tests started (call in `afterEach`). */
export const stopAllReceivers = (): Promise<unknown> => Promise.all([...running].map(stop));

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

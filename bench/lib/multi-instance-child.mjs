// @ts-check
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../multi-instance/run-multi-instance.mjs', import.meta.url));

/**
 * The multi-instance phase, run through its own entry (`bench/multi-instance/run-multi-instance.mjs`, which another
 * part of the bench owns and keeps short) in a child process: its progress goes to stderr as it runs, its table is
 * returned to be printed after the main one, and its results are read from the JSON it writes.
 * @param {'smoke' | 'short' | 'default'} size the entry's `--smoke`, `--short` or default size
 * @returns {Promise<{ table: string, results: unknown }>}
 */
export async function runMultiInstance(size) {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-bench-mi-'));
  try {
    const json = join(dir, 'results.json');
    const args = [ENTRY, '--no-build', '--json', json, ...(size === 'default' ? [] : [`--${size}`])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    /** @type {Buffer[]} */
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    const code = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`${ENTRY} exited with ${code}`);
    return { table: Buffer.concat(out).toString().trimEnd(), results: JSON.parse(await readFile(json, 'utf8')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// @ts-check
/**
 * `next build` of a fixture copy (Turbopack, or webpack with `--webpack`) and where the sandbox adapter and core
 * landed. Next prints no module graph, so the chunks are read from the static export: a chunk holds a package when it
 * carries one of that package's own message texts (minifiers keep string literals), and it loads at start-up when
 * out/index.html names it in a script tag.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { exec } from '../../scripts/lib/exec.mjs';
import { ROOT } from './paths.mjs';

/** Text only the sandbox adapter's build carries, and text only core's carries. */
const SANDBOX_TEXT = 'The sandbox checkout was aborted';
const CORE_TEXT = 'Ready channels';
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * @param {string} dir the fixture copy
 * @param {'turbopack' | 'webpack'} bundler
 * @returns {Promise<{ chunks: import('./analyse-chunks.mjs').RawChunk[], warnings: string[] }>}
 */
export async function buildNext(dir, bundler) {
  const run = await exec(process.execPath, [NEXT_BIN, 'build', ...(bundler === 'webpack' ? ['--webpack'] : [])], {
    cwd: dir,
    // Next sends telemetry by default: tests reach nothing off the machine.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    timeoutMs: 240_000,
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Next colours its output
  const output = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  if (run.code !== 0) throw new Error(buildError(output));
  const html = await readFile(path.join(dir, 'out', 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/<script src="\/([^"]+)"/g)].map((m) => path.join(dir, 'out', m[1] ?? '')));
  const chunksDir = path.join(dir, 'out', '_next', 'static', 'chunks');
  const files = (await readdir(chunksDir, { recursive: true })).filter((f) => f.endsWith('.js'));
  const chunks = await Promise.all(
    files.map(async (name) => {
      const file = path.join(chunksDir, name);
      const text = await readFile(file, 'utf8');
      return {
        file,
        entry: initial.has(file),
        imports: [],
        modules: [],
        holds: { sandbox: text.includes(SANDBOX_TEXT), core: text.includes(CORE_TEXT) },
      };
    }),
  );
  return { chunks, warnings: warningsOf(output) };
}

/** The first error Next printed, from its "Module not found" or "Build error occurred" lines. @param {string} output */
function buildError(output) {
  const lines = output.split('\n').map((l) => l.trim());
  const notFound = lines.findIndex((l) => /Module not found|Can't resolve|\(request: /.test(l));
  const at = notFound >= 0 ? notFound : lines.findIndex((l) => /Error:/.test(l));
  return at >= 0 ? lines.slice(at).join('\n') : output.trim();
}

/** Next's warnings: the "Module not found" lines of a build that passed. @param {string} output */
function warningsOf(output) {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(Warning: )?Module not found/.test(l));
}

// @ts-check
import path from 'node:path';
import { ROOT } from '../../scripts/lib/pack.mjs';

/**
 * One output chunk, as every bundler can describe it.
 * @typedef {object} RawChunk
 * @property {string} file absolute path
 * @property {boolean} entry an entry chunk (webpack: a chunk loaded at start-up)
 * @property {string[]} imports absolute paths of the chunks it imports statically (loaded with it)
 * @property {string[]} modules the source modules in it (absolute paths or bundler ids)
 * @property {{ sandbox: boolean, core: boolean }} [holds] for a bundler that gives no module list (Next.js): what the
 *   chunk was found to hold by the packages' own text
 */

/**
 * @typedef {object} ChunkSummary
 * @property {string} file relative to the fixture
 * @property {boolean} initial loaded at start-up: an entry, or imported statically by one
 * @property {boolean} sandbox holds code of the channel-sandbox package
 * @property {boolean} core holds code of the core package
 */

/**
 * @typedef {{ ok: false, error: string, warnings: string[] }
 *   | { ok: true, warnings: string[], chunks: ChunkSummary[], workspaceModules: string[] }} BuildResult
 */

const SANDBOX = /(?:^|[/\\])node_modules[/\\]@coinslot[/\\]channel-sandbox[/\\]/;
const CORE = /(?:^|[/\\])node_modules[/\\]@coinslot[/\\]core[/\\]/;

/**
 * Where the sandbox adapter and core landed: which chunks hold them and whether those load at start-up.
 * Also lists any module taken from the monorepo's own packages/ (which would mean the build did not use the
 * packed packages installed in the fixture).
 * @param {readonly RawChunk[]} chunks
 * @param {string} dir the fixture copy
 */
export function analyseChunks(chunks, dir) {
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const initial = new Set();
  const visit = (/** @type {string} */ file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const next of byFile.get(file)?.imports ?? []) visit(next);
  };
  for (const chunk of chunks) if (chunk.entry) visit(chunk.file);
  const packagesDir = path.join(ROOT, 'packages');
  return {
    chunks: chunks.map((c) => ({
      file: path.relative(dir, c.file),
      initial: initial.has(c.file),
      sandbox: c.holds?.sandbox ?? c.modules.some((m) => SANDBOX.test(m)),
      core: c.holds?.core ?? c.modules.some((m) => CORE.test(m)),
    })),
    workspaceModules: chunks.flatMap((c) => c.modules.filter((m) => m.includes(`${packagesDir}${path.sep}`))),
  };
}

// @ts-check
/**
 * Build one fixture copy with one bundler, in its own process so builds run in parallel:
 * `node build-fixture.mjs <vite|webpack|esbuild|rollup|next|next-webpack> <dir>`. The bundlers are resolved from the monorepo
 * root (this file's location); the fixture's config file is loaded as the bundler's CLI would load it.
 * Writes `<dir>/build-result.json` (see analyse-chunks.mjs) and exits 0 either way.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseChunks } from './analyse-chunks.mjs';
import { buildNext } from './next-chunks.mjs';

/** @typedef {import('./analyse-chunks.mjs').RawChunk} RawChunk */
/** @typedef {{ chunks: RawChunk[], warnings: string[] }} RawBuild */

/** @param {string} file */
const loadConfig = async (file) => (await import(pathToFileURL(file).href)).default;

/**
 * Rollup and Vite output chunks, normalised.
 * @param {ReadonlyArray<import('rollup').OutputChunk | import('rollup').OutputAsset>} output
 * @param {string} outDir
 * @returns {RawChunk[]}
 */
function rollupChunks(output, outDir) {
  return output.flatMap((item) =>
    item.type === 'chunk'
      ? [
          {
            file: path.join(outDir, item.fileName),
            entry: item.isEntry,
            imports: item.imports.map((f) => path.join(outDir, f)),
            modules: item.moduleIds,
          },
        ]
      : [],
  );
}

/** @type {Record<string, (dir: string) => Promise<RawBuild>>} */
const builders = {
  next: (dir) => buildNext(dir, 'turbopack'),
  'next-webpack': (dir) => buildNext(dir, 'webpack'),

  async vite(dir) {
    const { build } = await import('vite');
    const result = await build({ root: dir, configFile: path.join(dir, 'vite.config.js'), logLevel: 'warn' });
    const outputs = Array.isArray(result) ? result : [result];
    return {
      chunks: outputs.flatMap((o) => ('output' in o ? rollupChunks(o.output, path.join(dir, 'dist')) : [])),
      warnings: [],
    };
  },

  async rollup(dir) {
    const { rollup } = await import('rollup');
    const config = await loadConfig(path.join(dir, 'rollup.config.js'));
    /** @type {string[]} */
    const warnings = [];
    const bundle = await rollup({ ...config, onwarn: (warning) => warnings.push(warning.message) });
    try {
      const { output } = await bundle.write(config.output);
      return { chunks: rollupChunks(output, path.resolve(dir, config.output.dir)), warnings };
    } finally {
      await bundle.close();
    }
  },

  async esbuild(dir) {
    const esbuild = await import('esbuild');
    const config = await loadConfig(path.join(dir, 'esbuild.config.js'));
    /** @type {string[]} */
    const entryPoints = Array.isArray(config.entryPoints) ? config.entryPoints : Object.values(config.entryPoints);
    const entries = new Set(entryPoints.map((e) => path.resolve(dir, e)));
    /** @type {import('esbuild').BuildResult<{ metafile: true }>} */
    let result;
    try {
      result = await esbuild.build({ ...config, absWorkingDir: dir, metafile: true, logLevel: 'silent' });
    } catch (error) {
      const errors = /** @type {{ errors?: import('esbuild').Message[] }} */ (error).errors;
      throw errors
        ? new Error(
            errors.map((e) => `${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`).join('\n'),
          )
        : error;
    }
    const outputs = Object.entries(result.metafile?.outputs ?? {}).filter(([file]) => file.endsWith('.js'));
    return {
      chunks: outputs.map(([file, output]) => ({
        file: path.resolve(dir, file),
        // esbuild also gives each dynamically imported module an entryPoint: only the configured ones start the app.
        entry: output.entryPoint !== undefined && entries.has(path.resolve(dir, output.entryPoint)),
        imports: output.imports
          .filter((i) => i.kind === 'import-statement' && !i.external)
          .map((i) => path.resolve(dir, i.path)),
        modules: Object.keys(output.inputs).map((input) => path.resolve(dir, input)),
      })),
      warnings: result.warnings.map((w) => w.text),
    };
  },

  async webpack(dir) {
    const { default: webpack } = await import('webpack');
    const config = await loadConfig(path.join(dir, 'webpack.config.js'));
    const compiler = webpack(config);
    /** @type {import('webpack').Stats} */
    const stats = await new Promise((resolve, reject) =>
      compiler.run((error, result) => (error || !result ? reject(error) : resolve(result))),
    );
    await new Promise((resolve) => compiler.close(resolve));
    const { compilation } = stats;
    if (stats.hasErrors()) throw new Error(compilation.errors.map((e) => e.message).join('\n'));
    const outDir = config.output.path;
    /** @param {import('webpack').Module & { modules?: import('webpack').Module[] }} m @returns {string[]} */
    const names = (m) => [m.nameForCondition() ?? m.identifier(), ...(m.modules ?? []).flatMap(names)];
    return {
      // webpack knows which chunks load at start-up (canBeInitial): those count as the entry's.
      chunks: [...compilation.chunks].flatMap((chunk) =>
        [...chunk.files]
          .filter((f) => /\.[cm]?js$/.test(f))
          .map((f) => ({
            file: path.join(outDir, f),
            entry: chunk.canBeInitial(),
            imports: [],
            modules: [...compilation.chunkGraph.getChunkModulesIterable(chunk)].flatMap(names),
          })),
      ),
      warnings: compilation.warnings.map((w) => w.message),
    };
  },
};

const [bundler = '', dir = ''] = process.argv.slice(2);
const builder = builders[bundler];
if (!builder || !dir)
  throw new Error('usage: node build-fixture.mjs <vite|webpack|esbuild|rollup|next|next-webpack> <dir>');
/** @type {import('./analyse-chunks.mjs').BuildResult} */
let result;
try {
  const raw = await builder(dir);
  result = { ok: true, warnings: raw.warnings, ...analyseChunks(raw.chunks, dir) };
} catch (error) {
  result = { ok: false, error: error instanceof Error ? error.message : String(error), warnings: [] };
}
await writeFile(path.join(dir, 'build-result.json'), JSON.stringify(result, null, 2));

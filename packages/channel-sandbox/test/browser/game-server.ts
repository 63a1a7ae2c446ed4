import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPayServer, createSandboxDriver, serveNode } from '@coinslot/server';
import { build, type Plugin } from 'esbuild';
import { sourceAliases } from '../../../../scripts/lib/source-aliases.mjs';

/** The game page and the pay server behind it, on one loopback origin. */
export interface GameServer {
  url: string;
  /** The adapter's chunk, as the page loads it (`/game/chunks/…`). */
  adapterChunk: string;
  /** Answer the next `times` requests for the adapter's chunk with a 503, as a flaky network or CDN would. */
  failAdapterChunk(times: number): void;
  /** How many times the page asked for the adapter's chunk. */
  adapterChunkRequests(): number;
  close(): Promise<void>;
}

/** Workspace packages from their sources (exact specifiers: `@coinslot/core` and `@coinslot/core/channel-kit`). */
async function sourcesPlugin(): Promise<Plugin> {
  const sources = new Map((await sourceAliases()).map(({ specifier, source }) => [specifier, source]));
  return {
    name: 'workspace-sources',
    setup(b) {
      b.onResolve({ filter: /^@coinslot\// }, ({ path }) => {
        const source = sources.get(path);
        return source ? { path: source } : undefined;
      });
    },
  };
}

/**
 * Bundle `game.ts` for the browser as a game would (ESM, split: the sandbox adapter is a chunk of its own) and serve
 * it at `/game/` next to a real pay server with the sandbox driver, so the page, its chunks, the API and the
 * sandbox's checkout page share one origin.
 */
export async function startGameServer(): Promise<GameServer> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-game-'));
  const built = await build({
    entryPoints: [fileURLToPath(new URL('./game.ts', import.meta.url))],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    plugins: [await sourcesPlugin()],
    logLevel: 'silent',
  });
  const adapterOutput = Object.entries(built.metafile.outputs).find(([, output]) =>
    Object.keys(output.inputs).some((input) => input.includes('channel-sandbox/src/create-sandbox-channel.ts')),
  )?.[0];
  if (!adapterOutput) throw new Error('esbuild put the sandbox adapter in no chunk of its own');
  const adapterChunk = `/game/${adapterOutput.slice(adapterOutput.indexOf('chunks/'))}`;
  let failures = 0;
  let requests = 0;
  const payServer = await createPayServer({
    auth: { development: true },
    holdSeconds: 1,
    drivers: [createSandboxDriver({ secret: 'game-test-sandbox-secret-0123456789' })],
  });
  const page =
    '<!doctype html><meta charset="utf-8"><title>game</title><body><script type="module" src="/game/game.js"></script></body>';
  const node = await serveNode(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/game/') return new Response(page, { headers: { 'content-type': 'text/html' } });
    if (!pathname.startsWith('/game/')) return payServer.handle(request);
    if (pathname === adapterChunk) {
      requests += 1;
      if (failures > 0) {
        failures -= 1;
        return new Response('unavailable', { status: 503 });
      }
    }
    try {
      const body = await readFile(join(dir, pathname.slice('/game/'.length)));
      return new Response(body, { headers: { 'content-type': 'text/javascript', 'cache-control': 'no-store' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  return {
    url: node.url,
    adapterChunk,
    failAdapterChunk: (times) => void (failures = times),
    adapterChunkRequests: () => requests,
    async close() {
      await payServer.close();
      await node.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

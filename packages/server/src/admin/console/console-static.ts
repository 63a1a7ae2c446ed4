import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This module's folder: src/admin/console/ when run from sources, dist/ (ESM or CJS bundle) when built.
const HERE = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** The console's files (packages/server/admin-console, shipped as is): no build step serves them. */
const ROOT =
  [join(HERE, '..', 'admin-console'), join(HERE, '..', '..', '..', 'admin-console')].find((dir) =>
    existsSync(join(dir, 'index.html')),
  ) ?? join(HERE, '..', 'admin-console');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// Only these names are served: no path from the URL ever reaches the file system.
const FILE = /^(?:index\.html|[a-z-]+\.(?:js|css)|vendor\/uPlot\.(?:iife\.min\.js|min\.css))$/;

const cache = new Map<string, Promise<string | undefined>>();

function load(name: string): Promise<string | undefined> {
  let file = cache.get(name);
  if (!file) {
    file = readFile(join(ROOT, name), 'utf8').then(
      (text) => text,
      () => undefined,
    );
    cache.set(name, file);
  }
  return file;
}

/** The console file `name` (`index.html`, `app.js`, `vendor/uPlot.iife.min.js`, …), or `undefined`. */
export async function consoleFile(name: string): Promise<Response | undefined> {
  if (!FILE.test(name)) return undefined;
  const text = await load(name);
  if (text === undefined) return undefined;
  const type = TYPES[name.slice(name.lastIndexOf('.'))]!;
  return new Response(text, { status: 200, headers: { 'content-type': type } });
}

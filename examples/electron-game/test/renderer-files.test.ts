import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererFiles } from '../src/main/renderer-files.js';

let folder: string;
let serve: (request: Request) => Promise<Response>;
const get = (path: string, method = 'GET') => serve(new Request(`app://game${path}`, { method }));

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'coinslot-game-files-'));
  await mkdir(join(folder, 'renderer', 'chunks'), { recursive: true });
  await writeFile(join(folder, 'renderer', 'index.html'), '<!doctype html><title>game</title>');
  await writeFile(join(folder, 'renderer', 'chunks', 'a.js'), 'export {};');
  await writeFile(join(folder, 'save.json'), '{"coins":1}');
  serve = createRendererFiles({ root: join(folder, 'renderer'), payServer: 'http://127.0.0.1:8787/' });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the app:// handler serving the built renderer', () => {
  it('serves the page with a CSP that lets it fetch from the pay server only', async () => {
    const page = await get('/index.html?payServer=http%3A%2F%2F127.0.0.1%3A8787');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src http://127.0.0.1:8787;');
    expect(csp).toContain("default-src 'none'");
    expect((await get('/')).status).toBe(200);
    expect((await get('/chunks/a.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/..%2fsave.json',
    '/chunks/..%2f..%2fsave.json',
    '/%2e%2e/save.json',
    '/..%5csave.json',
    '/missing.js',
    '/index.html%00.js',
    '/chunks',
  ])('answers 404 for %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('coins');
  });

  it('refuses methods other than GET and HEAD, and a malformed escape', async () => {
    expect((await get('/index.html', 'POST')).status).toBe(405);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    const head = await get('/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

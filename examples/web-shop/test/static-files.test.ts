import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles, type StaticFilesHandler } from '../server/static-files.js';

let folder: string;
let serve: StaticFilesHandler;
const get = (path: string, method = 'GET') => serve(new Request(`http://shop.test${path}`, { method }));

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'coinslot-static-'));
  const root = join(folder, 'public');
  await mkdir(join(root, 'chunks'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>shop</title>');
  await writeFile(join(root, 'main.js'), 'export {};');
  await writeFile(join(root, 'shop.css'), 'body{}');
  await writeFile(join(root, 'chunks', 'index.html'), 'chunk index');
  await writeFile(join(folder, 'secret.txt'), 'outside the root');
  await symlink(join(folder, 'secret.txt'), join(root, 'link-out.txt'));
  serve = createStaticFiles(root);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('createStaticFiles', () => {
  it('answers / and folders with their index.html', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<title>shop</title>');
    expect(await (await get('/chunks/')).text()).toBe('chunk index');
  });

  it('sends each file with its content type and nosniff', async () => {
    const script = await get('/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('/shop.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/chunks/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/link-out.txt',
    '/main.js%00.html',
    '/missing.js',
  ])('answers 404 for %s, which is outside the root or missing', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the root');
  });

  it('refuses a malformed escape and methods other than GET and HEAD', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    const post = await get('/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await get('/main.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
    expect(await head.text()).toBe('');
  });
});

import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureShopBuilt, shopPath } from '../../examples/web-shop/test/ensure-shop-built.js';

// What `npm start` prints when it cannot listen: one line saying what to do, no stack trace.
const taken = createServer();
let port: number;
beforeAll(async () => {
  await ensureShopBuilt();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
}, 120_000);
afterAll(() => new Promise((resolve) => taken.close(resolve)));

/** Runs the web shop's start script with `PORT`; resolves with its exit code and output. */
async function start(PORT: string) {
  const run = promisify(execFile)(process.execPath, [shopPath('scripts/start.mjs')], {
    env: { ...process.env, PORT },
    timeout: 20_000,
  });
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describe('examples/web-shop/scripts/start.mjs', () => {
  it('exits 1 with one line naming PORT when the port is in use', async () => {
    expect(await start(String(port))).toEqual({
      code: 1,
      stdout: '',
      stderr: `Port ${port} is in use: set PORT=… (PORT=8788 npm start) or stop the other process\n`,
    });
  });

  it('exits 1 with one line when PORT is not a port number', async () => {
    expect(await start('eighty')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'PORT=eighty is not a port number: set PORT to one from 0 to 65535 (0: any free port)\n',
    });
  });
});

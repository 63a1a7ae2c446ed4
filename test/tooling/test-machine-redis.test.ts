import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answersRedisPing, ensureRedis, MachineNotReady, thisMachine } from '../../scripts/lib/test-machine.mjs';
import { freePort } from './free-port.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A TCP server that is not Redis (it answers every line with garbage), on a free port. */
async function notRedis(): Promise<number> {
  const server = createServer((socket) => socket.on('data', () => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n')));
  servers.push(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return (server.address() as { port: number }).port;
}

async function shutdown(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end('SHUTDOWN NOSAVE\r\n'));
    socket.on('error', reject).on('close', () => resolve());
    socket.resume();
  });
}

describe('ensureRedis: a port held by something else', () => {
  it('tells Redis from another server by PING', async () => {
    expect(await answersRedisPing(6379)).toBe(true);
    expect(await answersRedisPing(await notRedis())).toBe(false);
    expect(await answersRedisPing(await freePort())).toBe(false);
  });

  it('starts redis-server on the fallback port when the port holds something that is not Redis, and says so', async () => {
    const taken = await notRedis();
    const fallback = await freePort();
    const lines: string[] = [];
    const port = await ensureRedis({
      port: taken,
      fallbackPort: fallback,
      machine: { ...thisMachine, log: (line) => lines.push(line) },
      env: {},
    });
    try {
      expect(port).toBe(fallback);
      expect(await answersRedisPing(fallback)).toBe(true);
      expect(lines).toEqual([
        `prepare: 127.0.0.1:${taken} is taken by something that is not Redis`,
        `prepare: starting redis-server on 127.0.0.1:${fallback} (nothing saved to disk)`,
      ]);
    } finally {
      await shutdown(fallback);
    }
  }, 20_000);

  it('fails with what to do when both ports hold something that is not Redis', async () => {
    const [a, b] = [await notRedis(), await notRedis()];
    const failure = ensureRedis({ port: a, fallbackPort: b, machine: { ...thisMachine, log: () => {} }, env: {} });
    await expect(failure).rejects.toThrow(MachineNotReady);
    await expect(failure).rejects.toThrow(/or set COINSLOT_TEST_REDIS_URL/);
  });

  it('does nothing when COINSLOT_TEST_REDIS_URL names the Redis to use', async () => {
    const commands: string[] = [];
    const machine = { ...thisMachine, run: (command: string) => (commands.push(command), 0) };
    expect(await ensureRedis({ machine, env: { COINSLOT_TEST_REDIS_URL: 'redis://elsewhere:6379' } })).toBeUndefined();
    expect(commands).toEqual([]);
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { grantSpy } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { createFileStorage } from './file-storage.js';

const { fake } = useFakePayServer();
let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'coinslot-main-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('a file journal in Node / the Electron main process', () => {
  it('survives a restart: the next process grants the bill paid meanwhile, once, and delivers it', async () => {
    const launched = vi.fn();
    const before = testCoinslot(fake(), [fakeChannel(async () => (launched(), { kind: 'launched' }))], {
      storage: createFileStorage(dir),
      grant: grantSpy(),
    });
    const purchase = before.purchase(gemPack).catch(() => undefined);
    await vi.waitFor(() => expect(launched).toHaveBeenCalled());
    await before.dispose(); // the process quits while waiting
    await purchase;
    const billId = [...fake().bills.keys()][0]!;
    expect(await readdir(dir)).toEqual([`coinslot%3abill%3a${billId}.json`]);
    fake().settle(billId, 'paid');

    const grant = grantSpy();
    const after = testCoinslot(fake(), [fakeChannel()], {
      storage: createFileStorage(dir),
      grant,
      recoverOnReady: false,
    });
    expect((await after.recover()).bills).toEqual([
      { billId, source: 'journal', result: expect.objectContaining({ granted: true, delivered: true }) },
    ]);
    await after.recover();
    expect(grant).toHaveBeenCalledOnce();
    expect(fake().bills.get(billId)?.state).toBe('delivered');
  });
});

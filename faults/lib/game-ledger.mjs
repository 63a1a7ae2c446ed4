// @ts-check
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCoreNode } from './build-snapshot.mjs';

/**
 * What one game's own durable storage says after its last life: how often each bill's grant was applied
 * (the `grants:<billId>` counter the grant writes with the item), which bills the ledger recorded, and how often
 * core called the grant hook for each bill (the fsynced offer log). Read only once the game process is gone.
 * @param {string} dir the game's folder
 */
export async function readGameLedger(dir) {
  const { createFileStorage } = await loadCoreNode();
  const storage = createFileStorage(path.join(dir, 'game-data'));
  /** @type {Map<string, number>} */
  const applied = new Map();
  for (const entry of await storage.list('grants:'))
    applied.set(entry.key.slice('grants:'.length), Number(entry.value));
  /** @type {Set<string>} */
  const recorded = new Set(
    (await storage.list('coinslot:granted:')).map((entry) => entry.key.slice('coinslot:granted:'.length)),
  );
  /** @type {Map<string, number>} */
  const offers = new Map();
  const log = await readFile(path.join(dir, 'offers.log'), 'utf8').catch(() => '');
  for (const billId of log.split('\n').filter(Boolean)) offers.set(billId, (offers.get(billId) ?? 0) + 1);
  return { applied, recorded, offers };
}

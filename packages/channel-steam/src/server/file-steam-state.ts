import type { SteamDriverState } from './steam-driver-state.js';

/**
 * A {@link SteamDriverState} in two files of `dir` (the pay server's data dir): `steam-orders.jsonl`, one
 * `{"orderid","billId"}` line appended per order (fsynced), and `steam-report-cursor`, replaced atomically. For one
 * pay-server instance: instances sharing PostgreSQL need a shared state instead (see docs/channels/steam.md).
 * Node only (`node:fs`), loaded when first used.
 */
export function createFileSteamState(dir: string): SteamDriverState {
  let loaded: Promise<Map<string, string>> | undefined;
  const fs = () => import('node:fs/promises');
  const path = (name: string) => `${dir.replace(/\/+$/, '')}/${name}`;
  const orders = () => {
    loaded ??= (async () => {
      const map = new Map<string, string>();
      const text = await (await fs())
        .readFile(path('steam-orders.jsonl'), 'utf8')
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return '';
          throw error;
        });
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const entry = JSON.parse(line) as { orderid: string; billId: string };
        map.set(entry.orderid, entry.billId);
      }
      return map;
    })();
    return loaded;
  };
  return {
    async rememberOrder(orderid, billId) {
      const map = await orders();
      if (map.get(orderid) === billId) return;
      const { open } = await fs();
      const file = await open(path('steam-orders.jsonl'), 'a', 0o600);
      try {
        await file.appendFile(`${JSON.stringify({ orderid, billId })}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      map.set(orderid, billId);
    },
    async billForOrder(orderid) {
      return (await orders()).get(orderid);
    },
    async reportCursor() {
      const text = await (await fs()).readFile(path('steam-report-cursor'), 'utf8').catch(() => '');
      return text.trim() || undefined;
    },
    async saveReportCursor(time) {
      const { writeFile, rename } = await fs();
      await writeFile(path('steam-report-cursor.tmp'), `${time}\n`, { mode: 0o600 });
      await rename(path('steam-report-cursor.tmp'), path('steam-report-cursor'));
    },
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import { generateAdminKey, MemoryBillStore } from '../src/index.js';
import { call, closeAllServers, startTestServer } from './helpers.js';
import { REPORT_NOW, seedReportBills } from './reports-seed.js';

afterEach(closeAllServers);

const ADMIN_KEY = generateAdminKey();

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

/** A JSON cell as the CSV writes it. */
const asCsv = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, n]) => `${k}=${n}`)
        .join(';')
    : String(value);

describe('CSV export', () => {
  it.each(['revenue', 'funnel', 'payers', 'reversals', 'undelivered'])(
    '%s parses back to the JSON figures',
    async (report) => {
      const store = new MemoryBillStore();
      await seedReportBills(store);
      const server = await startTestServer({ store, admin: { keys: [ADMIN_KEY] }, now: () => REPORT_NOW });
      const path = `/v1/admin/reports/${report}?from=2026-03-07&to=2026-03-09&tz=America/New_York`;
      const auth = { authorization: `Bearer ${ADMIN_KEY}` };
      const json = await call(server, path, { headers: auth });
      const csv = await call(server, `${path}&format=csv`, { headers: auth });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${report}-2026-03-07-2026-03-09.csv"`);
      const [header, ...lines] = parseCsv(csv.body as string);
      expect(header).toEqual(json.body.columns);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines).toEqual(json.body.rows.map((row: Record<string, unknown>) => header!.map((c) => asCsv(row[c]))));
    },
  );

  it('answers CSV to Accept: text/csv, and JSON when format=json overrides it', async () => {
    const server = await startTestServer({ admin: { keys: [ADMIN_KEY] } });
    const headers = { authorization: `Bearer ${ADMIN_KEY}`, accept: 'text/csv' };
    const csv = await call(server, '/v1/admin/reports/payers', { headers });
    expect(csv.body).toBe('currency,payingPlayers,bills,gross,averagePerPayingPlayer\r\n');
    const json = await call(server, '/v1/admin/reports/payers?format=json', { headers });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

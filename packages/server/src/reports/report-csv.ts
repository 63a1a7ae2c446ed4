import type { ReportCell, ReportTable } from './report-table.js';

/** A cell as CSV text: reasons as `reason=count` joined by `;`; quoted when it holds `,`, `"`, a line break or starts like a formula. */
function cell(value: ReportCell | undefined): string {
  const text =
    typeof value === 'object'
      ? Object.entries(value)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, count]) => `${key}=${count}`)
          .join(';')
      : String(value ?? '');
  // A leading = + - @ makes a spreadsheet run the cell as a formula: prefix ' (OWASP CSV injection), numbers excepted.
  const safe = typeof value !== 'number' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as RFC 4180 CSV: a header of its columns, then one line per row, CRLF line ends. */
export function toCsv(table: ReportTable): string {
  const lines = [table.columns.map((name) => cell(name)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((name) => cell(row[name])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// @ts-check

/**
 * A Markdown table (which also reads well in a terminal): every column padded to its widest cell.
 * @param {readonly string[]} headers
 * @param {ReadonlyArray<readonly string[]>} rows
 */
export function markdownTable(headers, rows) {
  const clean = (/** @type {string} */ cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const all = [headers, ...rows].map((row) => row.map(clean));
  const widths = headers.map((_, i) => Math.max(3, ...all.map((row) => (row[i] ?? '').length)));
  const line = (/** @type {string[]} */ row) =>
    `| ${row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head = [], ...body] = all;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

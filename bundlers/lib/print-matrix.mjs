// @ts-check
import { markdownTable } from '../../scripts/lib/table.mjs';

/**
 * The matrix as a Markdown table, then the workarounds checked in the same run, then any problem.
 * @param {import('./matrix.mjs').MatrixResult} matrix
 */
export function formatMatrix(matrix) {
  const table = markdownTable(
    ['bundler', 'build', 'sandbox chunk separate', 'ghost skipped as', 'runs in'],
    matrix.rows.map(({ cells }) => [cells.bundler, cells.build, cells.chunk, cells.ghost, cells.runsIn]),
  );
  const withouts = matrix.rows.flatMap((row) =>
    row.without
      ? [`- ${row.id}, ${row.without.what}: ${row.without.observed}${row.without.ok ? '' : '  ✗ NOT AS DOCUMENTED'}`]
      : [],
  );
  const problems = matrix.rows.flatMap((row) => row.problems.map((p) => `- ${row.id}: ${p}`));
  return [
    table,
    '',
    'Without the workaround (checked in the same run):',
    ...withouts,
    '',
    problems.length === 0
      ? `All ${matrix.rows.length} rows hold (${matrix.seconds} s).`
      : `Problems:\n${problems.join('\n')}`,
  ].join('\n');
}

#!/usr/bin/env node
import { parseCliArgs, UsageError, USAGE } from './cli-args.js';
import { formatCheckLine } from './conformance-report.js';
import { runPayServerConformance } from './run-pay-server-conformance.js';

/** `coinslot-conformance`: prints one line per check, then a summary; exits 1 on any failure, 2 on bad usage. */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let report: Awaited<ReturnType<typeof runPayServerConformance>>;
  try {
    report = await runPayServerConformance(parseCliArgs(argv, process.env), (check) =>
      console.log(formatCheckLine(check)),
    );
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    console.error(`coinslot-conformance: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const count = (status: string) => report.checks.filter((check) => check.status === status).length;
  console.log(
    `${report.ok ? 'OK' : 'FAILED'}: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped — ${report.url}`,
  );
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('coinslot-conformance failed:', error);
    process.exitCode = 1;
  },
);

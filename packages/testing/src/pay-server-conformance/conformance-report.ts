/** How one check of the pay-server suite ended. */
export type PayServerCheckStatus = 'passed' | 'failed' | 'skipped';

/** One check's line in the report. */
export interface PayServerCheckResult {
  /** The check's stable kebab-case id, e.g. `idempotent-replay`. */
  readonly id: string;
  /** What the check proves, in one line. */
  readonly title: string;
  /** The section of docs/protocol.md it checks, e.g. `§5 Idempotent creation`. */
  readonly section: string;
  /** Passed; failed (see `message`); or skipped because the options do not allow it (see `message`). */
  readonly status: PayServerCheckStatus;
  /** Why it failed or was skipped. */
  readonly message?: string;
  /** What a passing check could not provoke or did not cover (e.g. no `409 IDEMPOTENCY_KEY_IN_USE` was seen). */
  readonly notes?: readonly string[];
  /** How long it took, in ms. */
  readonly durationMs: number;
}

/** What {@link runPayServerConformance} returns. */
export interface PayServerConformanceReport {
  /** The server that was checked. */
  readonly url: string;
  /** True when no check failed (skipped checks do not count as failures). */
  readonly ok: boolean;
  /** Every check, in the order they ran. */
  readonly checks: readonly PayServerCheckResult[];
}

/** One line per check: `PASS`, `FAIL` or `SKIP`, the id, the section, and the message or notes. */
export function formatCheckLine(check: PayServerCheckResult): string {
  const mark = check.status === 'passed' ? 'PASS' : check.status === 'failed' ? 'FAIL' : 'SKIP';
  const detail = check.message ?? (check.notes?.length ? `note: ${check.notes.join('; ')}` : '');
  return `${mark} ${check.id} (${check.section}) ${check.title}${detail ? ` — ${detail}` : ''}`;
}

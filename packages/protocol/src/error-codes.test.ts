import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ERRORS } from './error-codes.js';

const PAGE = new URL('../../../docs/protocol.md', import.meta.url);

/** The rows of the code table in docs/protocol.md §6: `| `CODE` | status | yes/no | … |`. */
function tableOfThePage(): Record<string, { status: number; retryable: boolean }> {
  const rows = [...readFileSync(PAGE, 'utf8').matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (yes|no) \|/gm)];
  return Object.fromEntries(
    rows.map(([, code, status, retryable]) => [code, { status: Number(status), retryable: retryable === 'yes' }]),
  );
}

describe('SERVER_ERRORS', () => {
  it('is the table of docs/protocol.md §6, code for code, with the same status and retryability', () => {
    expect(Object.keys(tableOfThePage()).length).toBeGreaterThan(10);
    expect(SERVER_ERRORS).toEqual(tableOfThePage());
  });

  it('calls retryable exactly the codes a later attempt can fix: in flight, rate limited, 5xx', () => {
    const retryable = Object.entries(SERVER_ERRORS)
      .filter(([, spec]) => spec.retryable)
      .map(([code]) => code);
    expect(retryable).toEqual([
      'IDEMPOTENCY_KEY_IN_USE',
      'RATE_LIMITED',
      'INTERNAL',
      'SETTLEMENT_UNAVAILABLE',
      'UNAVAILABLE',
    ]);
  });
});

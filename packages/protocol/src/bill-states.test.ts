import { describe, expect, it } from 'vitest';
import { BILL_STATES, canTransition, isBillState, isSettledState } from './bill-states.js';

describe('bill states', () => {
  it('allows exactly the transitions of protocol §1', () => {
    const allowed = BILL_STATES.flatMap((from) =>
      BILL_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'created→paid',
        'created→failed',
        'created→cancelled',
        'created→expired',
        'paid→delivered',
        'cancelled→paid',
        'expired→paid',
      ].sort(),
    );
  });

  it('calls every state but created settled', () => {
    expect(BILL_STATES.filter((state) => !isSettledState(state))).toEqual(['created']);
  });

  it('recognises state names only', () => {
    expect(BILL_STATES.every(isBillState)).toBe(true);
    expect([undefined, 'PAID', 'refunded', 1].some(isBillState)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  BILL_STATES,
  REVERSED_STATES,
  canTransition,
  isBillState,
  isReversedState,
  isSettledState,
} from './bill-states.js';

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
        'paid→refunded',
        'paid→charged_back',
        'delivered→refunded',
        'delivered→charged_back',
        'refunded→refunded',
        'refunded→charged_back',
      ].sort(),
    );
  });

  it('calls every state but created settled', () => {
    expect(BILL_STATES.filter((state) => !isSettledState(state))).toEqual(['created']);
  });

  it('calls refunded and charged_back, and only those, reversed', () => {
    expect(BILL_STATES.filter(isReversedState)).toEqual([...REVERSED_STATES]);
  });

  it('recognises state names only', () => {
    expect(BILL_STATES.every(isBillState)).toBe(true);
    expect([undefined, 'PAID', 'chargeback', 'reversed', 1].some(isBillState)).toBe(false);
  });
});

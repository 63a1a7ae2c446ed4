// @ts-check
import { clockOff } from './clock-cases.mjs';
import { duplicateDelivers, duplicateNotifications } from './duplicate-cases.mjs';
import { gameKilledAfterGrant, gameKilledBeforeDeliver, gameKilledBeforeGrant } from './game-crash-cases.mjs';
import { holdBoundary, networkDropped } from './network-cases.mjs';
import { notifiedAfterLongOutage, notifiedWhileDown, serverKilledMidWait } from './server-cases.mjs';

/**
 * Every fault case, fresh (some keep per-run state), in table order. The first row has no fault: the control.
 * @returns {import('./case-types.mjs').FaultCase[]}
 */
export function allFaultCases() {
  return [
    { name: 'no fault (control)', fault: 'games buy, the channel approves 9 in 10 bills within 1 s, nothing breaks' },
    networkDropped,
    holdBoundary(),
    serverKilledMidWait,
    notifiedWhileDown,
    notifiedAfterLongOutage,
    gameKilledBeforeGrant,
    gameKilledAfterGrant,
    gameKilledBeforeDeliver,
    duplicateNotifications(),
    duplicateDelivers(),
    clockOff(1),
    clockOff(-1),
  ];
}

// @ts-check

/** Every life of a game process is SIGKILLed at the N-th time it reaches its crash point. */
const NTH = 5;

/** @type {import('./case-types.mjs').FaultCase} */
export const gameKilledBeforeGrant = {
  name: 'game SIGKILLed after payment, before grant',
  fault: `each game process SIGKILLs itself on entering the grant hook the ${NTH}th time (paid, nothing granted), and is started again to recover() until a life survives`,
  crash: { point: 'grant-enter', nth: NTH },
};

/** @type {import('./case-types.mjs').FaultCase} */
export const gameKilledAfterGrant = {
  name: 'game SIGKILLed after grant, before journal',
  fault: `each game process SIGKILLs itself right after its ${NTH}th grant is durable, before core journals "granted": core must offer the bill again and the ledger absorb it`,
  crash: { point: 'grant-done', nth: NTH },
};

/** @type {import('./case-types.mjs').FaultCase} */
export const gameKilledBeforeDeliver = {
  name: 'game SIGKILLed after grant, before deliver',
  fault: `each game process SIGKILLs itself as its ${NTH}th deliver request is about to leave (granted and journaled, not delivered)`,
  crash: { point: 'deliver', nth: NTH },
};

// @ts-check

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The game processes' clock is a day off (Date.now() and new Date() shifted; the server's clock is right).
 * Verification must not depend on it: the nonce proves freshness, `iat` is not compared.
 * @param {1 | -1} direction
 * @returns {import('./case-types.mjs').FaultCase}
 */
export function clockOff(direction) {
  const skew = direction * DAY_MS;
  return {
    name: `client clock ${direction > 0 ? '+' : '-'}24 h`,
    fault: `each game process runs with Date shifted ${direction > 0 ? '+' : '-'}24 h; nothing else is wrong`,
    clockSkewMs: skew,
    async afterPurchases(ctx, life) {
      const seen = Math.round(life.clockOffsetMs / 3_600_000);
      if (Math.abs(life.clockOffsetMs - skew) > 60_000)
        ctx.problems.push(`the game's clock was ${seen} h off, not ${direction * 24} h`);
    },
  };
}

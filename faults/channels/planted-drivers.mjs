// @ts-check

/** @typedef {import('@coinslot/server').ChannelDriver} ChannelDriver */

/**
 * The plant `accept-forged` for a provider that signs its notifications: the real driver, which also takes what
 * `attackers` (the same driver, configured with a key the attacker holds) verifies — as a driver that trusts a
 * leaked or test key beside the provider's would. Everything the real driver takes it still takes.
 * @param {ChannelDriver} driver
 * @param {ChannelDriver} attackers
 * @returns {ChannelDriver}
 */
export function acceptingForgeries(driver, attackers) {
  const real = /** @type {NonNullable<ChannelDriver['verifyNotification']>} */ (driver.verifyNotification);
  const planted = /** @type {NonNullable<ChannelDriver['verifyNotification']>} */ (attackers.verifyNotification);
  return {
    ...driver,
    async verifyNotification(request, rawBody, ctx) {
      const verdict = await real(request, rawBody, ctx);
      if (!('refused' in verdict)) return verdict;
      const forged = await planted(request, rawBody, ctx);
      return 'refused' in forged ? verdict : forged;
    },
  };
}

/**
 * The plant `accept-forged` for a client-result channel (Steam): the driver believes the game client's proof — an
 * `authorized: true` pays the bill — instead of asking the provider.
 * @template {ChannelDriver} D
 * @param {D} driver
 * @returns {D}
 */
export function believingProofs(driver) {
  const real = /** @type {NonNullable<ChannelDriver['verifyProof']>} */ (driver.verifyProof);
  return {
    ...driver,
    async verifyProof(bill, proof, ctx) {
      if (proof.authorized !== true) return real(bill, proof, ctx);
      return { billId: bill.id, transition: 'paid', amount: bill.amount, currency: bill.currency };
    },
  };
}

/**
 * The plant `no-query`: the driver without `query`, so the pay server has no fallback when a notification (or a
 * client's report) never comes.
 * @template {ChannelDriver} D
 * @param {D} driver
 * @returns {D}
 */
export function withoutQuery(driver) {
  const { query: _query, ...rest } = driver;
  return /** @type {D} */ (rest);
}

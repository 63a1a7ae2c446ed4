// @ts-check

/**
 * Waits until every event reached the game backend, then checks that each of `billIds` was granted and delivered
 * (a problem of the row when not: its reversal would then not come after a delivery); answers the ids.
 * @param {import('./channel-case.mjs').ChannelRowRun} row
 * @param {string[]} billIds
 */
export async function deliveredBills(row, billIds) {
  await row.settle();
  let undelivered = 0;
  for (const id of billIds) if ((await row.client.getBill(id)).state !== 'delivered') undelivered += 1;
  if (undelivered > 0) row.problems.push(`${undelivered} paid bills were not delivered before their reversal`);
  return billIds;
}

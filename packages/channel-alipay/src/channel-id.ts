/**
 * The channel id, shared by both halves: the adapter's and the driver's `id`, the `channel` of every bill, the key of
 * the game's `channels` / `channelOptions`, the notify path (`POST /v1/notify/alipay`) and the driver's pages
 * (`/v1/alipay/…`). This module holds no secret, so both entries import it.
 */
export const ALIPAY_ID = 'alipay';

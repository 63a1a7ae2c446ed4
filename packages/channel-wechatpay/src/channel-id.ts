/**
 * The channel id, shared by both halves: the adapter's and the driver's `id`, every bill's `channel`, the key of the
 * game's `channels` / `channelOptions` and of the server configuration's `channels`, and the notify path WeChat Pay
 * posts to (`POST /v1/notify/wechatpay`). Changing it orphans every open bill.
 */
export const WECHATPAY_ID = 'wechatpay';

/**
 * The channel id, shared by both halves of the channel: the client adapter's `id`, the driver's `id`, the
 * `channel` field of every bill, the key of the game's `channels` / `channelOptions`, and the path of the
 * provider's notifications (`POST /v1/notify/example-hosted`).
 *
 * Rules (protocol v1 §1, `CHANNEL_ID` / `isChannelId` in `@coinslot/protocol`): lower-case letters, digits and
 * dashes, at most 40 characters; a test checks this id against them. Pick it once: changing it later orphans every open bill that carries the old id.
 *
 * This module holds no secret, so both entries may import it (tsup puts it in a chunk they share).
 */
export const EXAMPLE_HOSTED_ID = 'example-hosted';

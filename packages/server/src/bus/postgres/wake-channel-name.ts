import { createHash } from 'node:crypto';

const PREFIX = 'coinslot_wake_';
/** PostgreSQL cuts identifiers (and refuses channel names) longer than this. */
const MAX_IDENTIFIER = 63;

/**
 * The `NOTIFY` channel of the instances over one schema: `coinslot_wake_<schema>`, or a hash of the schema when
 * that is too long for an identifier. Stores in two schemas of one database never wake each other.
 */
export function wakeChannelName(schema: string): string {
  const plain = PREFIX + schema;
  if (plain.length <= MAX_IDENTIFIER) return plain;
  return (
    PREFIX +
    createHash('sha256')
      .update(schema)
      .digest('hex')
      .slice(0, MAX_IDENTIFIER - PREFIX.length)
  );
}

import { describeAgainstReference } from './pay-server-conformance-server.js';

// Expiry and durability on SQLite are checked in player-token mode (pay-server-conformance-player-tokens.test.ts),
// where the bill tokens must survive the restart too.
describeAgainstReference('the reference server in development mode on the memory store', { store: 'memory' });

import { DELIVERY_CHECKS, describeAgainstReference } from './pay-server-conformance-server.js';

describeAgainstReference(
  'the reference server with player tokens (and bill tokens) on the sqlite store',
  { store: 'sqlite', auth: 'player-tokens' },
  { expiry: true },
);
describeAgainstReference('the reference server with player tokens (and bill tokens) on the memory store', {
  store: 'memory',
  auth: 'player-tokens',
});
describeAgainstReference(
  'the reference server with player tokens, delivered by the game backend',
  { store: 'memory', auth: 'player-tokens', deliveredBy: 'server' },
  { only: DELIVERY_CHECKS },
);

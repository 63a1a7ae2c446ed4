import { DELIVERY_CHECKS, describeAgainstReference } from './pay-server-conformance-server.js';

describeAgainstReference('the reference server with a server key on the memory store', {
  store: 'memory',
  auth: 'server-key',
});
describeAgainstReference(
  'the reference server with a server key, delivered by the game backend',
  { store: 'memory', auth: 'server-key', deliveredBy: 'server' },
  { only: DELIVERY_CHECKS },
);

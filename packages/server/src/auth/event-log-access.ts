import { ProtocolError } from '../http/protocol-error.js';
import type { AppRegistry } from '../apps/app-registry.js';
import { authenticate } from './authenticate.js';
import { readCredential, unauthenticated } from './credential.js';
import type { Identity } from './identity.js';

const forbidden = () =>
  new ProtocolError('FORBIDDEN', 'the event log is the game backend’s: GET /v1/events takes a server key only');

/**
 * Who may read the event log (`GET /v1/events`, protocol §10): a game backend with a server key, which reads its own
 * game's events (or development mode). A player token or a bill token answers `403 FORBIDDEN` (a bill token reaches no endpoint without a bill, so
 * it is refused before it is checked); no credential `401`.
 */
export async function authenticateEventReader(
  request: Request,
  apps: AppRegistry,
): Promise<Identity & { appId: string }> {
  if (readCredential(request).kind === 'bill-token') throw forbidden();
  const identity = await authenticate(request, apps);
  switch (identity.kind) {
    case 'server':
    case 'development':
      return identity;
    case 'player':
    case 'bill':
      throw forbidden();
    case 'anonymous':
      throw unauthenticated('GET /v1/events needs a server key');
  }
}

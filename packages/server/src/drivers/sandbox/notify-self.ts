import type { DriverRouteContext } from '../channel-driver.js';
import type { SandboxSecret } from './sandbox-crypto.js';

/**
 * Plays the sandbox channel's server: sends `statement` to `POST /v1/notify/<driverId>`, signed with the sandbox
 * secret, through the pay server's own handler — the same path, checks and answers a real channel's notification
 * gets. Answers the notify path's response.
 */
export async function notifySelf(
  ctx: DriverRouteContext,
  driverId: string,
  secret: SandboxSecret,
  statement: object,
): Promise<Response> {
  const notification = JSON.stringify(statement);
  return ctx.dispatch(
    new Request(new URL(`/v1/notify/${driverId}`, ctx.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': await secret.signHex(notification) },
      body: notification,
    }),
  );
}

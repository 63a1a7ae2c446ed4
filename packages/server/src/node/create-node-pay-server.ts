import { nodeAdminConsole } from '../admin/console/node-admin-console.js';
import { createPayServerWith, type PayServer } from '../create-pay-server.js';
import type { PayServerOptions } from '../options.js';

/**
 * {@link createPayServer} of the Node entry (`@coinslot/server`): the same pay server, with the admin console
 * (`admin.users`, docs/admin-console.md), which needs `node:crypto` and the file system.
 */
export function createPayServer(options: PayServerOptions): Promise<PayServer> {
  return createPayServerWith(options, { adminConsole: nodeAdminConsole });
}

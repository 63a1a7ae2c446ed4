import type { AdminConsolePart } from './admin-console-part.js';
import { createAdminConsole } from './admin-console.js';
import { consoleRoute } from './console-route.js';

/** The admin console the Node entry's `createPayServer` builds in (see {@link AdminConsolePart}). */
export const nodeAdminConsole: AdminConsolePart = { create: createAdminConsole, route: consoleRoute };

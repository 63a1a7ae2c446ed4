import type { ServerContext } from '../../server-context.js';
import type { AdminOptions } from '../admin-api.js';
import type { AdminConsole } from './admin-console.js';

/**
 * The admin console (`/admin`) as the pay server sees it. It hashes passwords with scrypt, signs sessions with
 * `node:crypto` and serves its pages from disk, so only the Node entry (`@coinslot/server`) brings it: a server made
 * from `@coinslot/server/web` has none and refuses `admin.users`, keeping `node:` modules out of that entry.
 */
export interface AdminConsolePart {
  /** The console for `options`, or `undefined` when no admin user is configured. */
  create(options: AdminOptions | undefined, secret: string): AdminConsole | undefined;
  /** Answers an `/admin…` request. */
  route(request: Request, url: URL, ctx: ServerContext): Promise<Response>;
}

/** Refuses admin users where no console part was given (the web entry). */
export function withoutAdminConsole(options: AdminOptions | undefined): undefined {
  if ((options?.users?.length ?? 0) > 0) {
    throw new Error(
      'admin.users needs the admin console, which only @coinslot/server (Node) brings: it hashes with scrypt and serves its pages from disk; @coinslot/server/web has none',
    );
  }
  return undefined;
}

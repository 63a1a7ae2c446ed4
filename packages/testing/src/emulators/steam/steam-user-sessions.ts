import type { SteamOrder } from './steam-order.js';

/** A Steam client logged in as one user and running one app: where Steam shows that user's purchase dialogs. */
export interface SteamClientSession {
  readonly steamid: string;
  readonly appid: number;
  /** Steam shows the authorization dialog for `order` in this client's overlay. */
  show(order: SteamOrder): void;
}

/**
 * The Steam clients connected to the emulator. InitTxn with `usersession=client` needs the order's user to be
 * logged in and running the app — the dialog appears in *that* user's overlay, whoever asked for the order.
 */
export class SteamUserSessions {
  readonly #sessions: SteamClientSession[] = [];

  /** Adds a session; answers the function that removes it. */
  connect(session: SteamClientSession): () => void {
    this.#sessions.push(session);
    return () => {
      const at = this.#sessions.indexOf(session);
      if (at >= 0) this.#sessions.splice(at, 1);
    };
  }

  /** The latest session of this user in this app, if the user is logged in there. */
  find(steamid: string, appid: number): SteamClientSession | undefined {
    for (let i = this.#sessions.length - 1; i >= 0; i -= 1) {
      const session = this.#sessions[i]!;
      if (session.steamid === steamid && session.appid === appid) return session;
    }
    return undefined;
  }
}

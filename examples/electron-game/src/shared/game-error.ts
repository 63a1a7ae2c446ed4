/** Why the game bridge refused a call. Stable: the renderer and tests may branch on it. */
export type GameErrorCode =
  /** The offer or request crossing the bridge is malformed; nothing was sent or changed. */
  | 'INVALID_OFFER'
  /** The pay server's signed result does not say the bill is paid (or it names another bill, player or item). */
  | 'NOT_PAID'
  /** The paid bill is for an item this game does not sell. */
  | 'UNKNOWN_ITEM'
  /** The pay server could not be asked, or its answer failed verification; worth retrying later. */
  | 'CONFIRM_FAILED'
  /** The save could not be read or written; nothing was granted. */
  | 'SAVE_FAILED'
  /** The game backend refused the main process's login or a player token, or could not be reached. */
  | 'LOGIN_FAILED'
  /** A page other than the game's own called the bridge. */
  | 'FORBIDDEN_SENDER'
  /** An unexpected failure in the main process (a bug): the bill stays paid and is offered again later. */
  | 'INTERNAL';

/** Every {@link GameErrorCode}. */
export const GAME_ERROR_CODES: readonly GameErrorCode[] = [
  'INVALID_OFFER',
  'NOT_PAID',
  'UNKNOWN_ITEM',
  'CONFIRM_FAILED',
  'SAVE_FAILED',
  'LOGIN_FAILED',
  'FORBIDDEN_SENDER',
  'INTERNAL',
];

/** An error of the game bridge (preload or main process), as plain data: what crosses IPC. */
export interface GameErrorData {
  code: GameErrorCode;
  /** What went wrong, for a log or a player. */
  message: string;
}

const MARKER = Symbol.for('coinslot.example.game-error');

/**
 * The one error class of the game bridge. The message starts with the code (`INVALID_OFFER: …`) because Electron's
 * `contextBridge` copies only an error's message into the page: {@link gameErrorCode} reads it back there.
 */
export class GameError extends Error {
  override readonly name = 'GameError';
  readonly code: GameErrorCode;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through the symbol by isInstance, across package copies
  private readonly [MARKER] = true;

  constructor(code: GameErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.code = code;
  }

  /** Whether `error` is a `GameError`, also one from another copy of this module (a second bundle). */
  static isInstance(error: unknown): error is GameError {
    return typeof error === 'object' && error !== null && (error as { [MARKER]?: unknown })[MARKER] === true;
  }

  /** The error as plain data, for an IPC answer. */
  toData(): GameErrorData {
    return { code: this.code, message: this.message };
  }

  /** Rebuild an error sent as {@link GameErrorData} (its message already starts with the code). */
  static fromData(data: GameErrorData): GameError {
    const prefix = `${data.code}: `;
    return new GameError(data.code, data.message.startsWith(prefix) ? data.message.slice(prefix.length) : data.message);
  }
}

/** The {@link GameErrorCode} of `error` — a `GameError`, or one copied across the bridge (message only) — else `undefined`. */
export function gameErrorCode(error: unknown): GameErrorCode | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (GAME_ERROR_CODES as readonly string[]).includes(code)) return code as GameErrorCode;
  const message = (error as { message?: unknown } | null)?.message;
  const prefix = typeof message === 'string' ? /^(?:Error: )?([A-Z_]+): /.exec(message)?.[1] : undefined;
  return prefix !== undefined && (GAME_ERROR_CODES as readonly string[]).includes(prefix)
    ? (prefix as GameErrorCode)
    : undefined;
}

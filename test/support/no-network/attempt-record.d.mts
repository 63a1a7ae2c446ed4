// Types of attempt-record.mjs, for the TypeScript files that import it.
export declare const NO_NETWORK_LOG_ENV: 'COINSLOT_NO_NETWORK_LOG';
export interface RefusedAttempt {
  /** host, or host:port */
  destination: string;
  /** the refused call */
  via: string;
  /** the process that made it */
  pid: number;
  /** its command line, for an attempt of a child process */
  command?: string;
}
export declare function recordAttempt(attempt: RefusedAttempt): void;
export declare function markRefusedAttempts(): void;
export declare function takeRefusedAttempts(): RefusedAttempt[];

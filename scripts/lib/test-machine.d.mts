// Types of test-machine.mjs, for the TypeScript tests that import it.
export type Run = (command: string, args: string[]) => number | null;
export type Capture = (command: string, args: string[]) => { status: number | null; stdout: string };
export interface Machine {
  run: Run;
  capture: Capture;
  exists(path: string): boolean;
  list(dir: string): string[];
  listening(port: number): Promise<boolean>;
  root: boolean;
  log(line: string): void;
}
export declare const thisMachine: Machine;
/** A service a step started because none was running (never one the machine already had). */
export type StartedService =
  | { service: 'postgres'; version: string; port: number }
  | { service: 'redis'; port: number };
export declare class MachineNotReady extends Error {}
export declare function isListening(port: number, timeoutMs?: number): Promise<boolean>;
export declare function aptInstall(machine: Machine, packages: string[], what: string): void;
export declare function ensureChromium(machine?: Machine): void;
export declare const POSTGRES_TEST: { role: string; password: string; database: string };
export declare function ensurePostgres(options?: {
  port?: number;
  machine?: Machine;
  waitMs?: number;
  env?: Record<string, string | undefined>;
  started?: StartedService[];
}): Promise<void>;
export declare const REDIS_TEST: { port: number; fallbackPort: number };
export declare function answersRedisPing(port: number, timeoutMs?: number): Promise<boolean>;
/** Answers the port a Redis for the tests answers on (`undefined` when COINSLOT_TEST_REDIS_URL names another). */
export declare function ensureRedis(options?: {
  port?: number;
  fallbackPort?: number;
  machine?: Machine & { isRedis?: (port: number) => Promise<boolean> };
  waitMs?: number;
  env?: Record<string, string | undefined>;
  started?: StartedService[];
}): Promise<number | undefined>;
/** Stops the services in `started`, newest first; returns those that would not stop. */
export declare function stopStarted(started: StartedService[], machine?: Machine): StartedService[];

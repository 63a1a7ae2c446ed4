import { classifyLoadError } from '@coinslot/core';

/**
 * The part of `ioredis` (6) the Redis bus uses, typed here so the package's public types never depend on an optional
 * dependency, and loaded only when a Redis bus is opened.
 */
export interface RedisConnection {
  connect(): Promise<void>;
  subscribe(channel: string): Promise<unknown>;
  publish(channel: string, message: string): Promise<number>;
  /** Closes at once (no reconnect). */
  disconnect(): void;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'ready' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
}

/** The ioredis options the bus passes. */
export interface RedisConnectionOptions {
  lazyConnect: true;
  connectionName: string;
  /** The bus subscribes again itself, then tells the listeners to re-read. */
  autoResubscribe: boolean;
  /** How often a command is retried across reconnects before it fails (`null`: forever). */
  maxRetriesPerRequest: number | null;
  /** Pause in ms before reconnect attempt `times`. */
  retryStrategy: (times: number) => number;
  connectTimeout: number;
}

/** ioredis's `Redis` constructor. */
export type RedisConstructor = new (url: string, options: RedisConnectionOptions) => RedisConnection;

const PACKAGE = 'ioredis';

/** Loads `ioredis`, turning "not installed" into what to do. */
export async function loadIoredis(
  importModule: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<RedisConstructor> {
  try {
    const module = (await importModule(PACKAGE)) as { Redis?: RedisConstructor; default?: RedisConstructor };
    return (module.Redis ?? module.default) as RedisConstructor;
  } catch (error) {
    if (classifyLoadError(error, PACKAGE) !== 'not-installed') throw error;
    throw new Error(
      `The Redis wake-up bus needs the optional dependency ${PACKAGE} (6), which is not installed: run \`npm install ${PACKAGE}@6\`, or use another bus.`,
      { cause: error },
    );
  }
}

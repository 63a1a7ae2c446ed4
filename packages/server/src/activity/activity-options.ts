/**
 * The activity log's settings (`PayServerOptions.activity`, docs/admin-console.md "The activity log"). Every one has a
 * default; the log is on whenever the store keeps one (all three stores the server ships do).
 */
export interface ActivityOptions {
  /**
   * This instance's name in the log and in the console's list of instances (held waits per instance).
   * @default a random id per start, e.g. `i-3f9a0c1b`
   */
  instanceId?: string;
  /** How often buffered entries are written to the store, in ms: what a crash may lose at most. @default 1000 */
  flushIntervalMs?: number;
  /** How long entries are kept, in days; `false` keeps them all. @default 90 */
  retentionDays?: number | false;
  /** How often the instance reports its held waits, in ms; the console lists instances heard from in the last 3. @default 10000 */
  heartbeatIntervalMs?: number;
  /** Entries buffered at most between writes; past it, new ones are dropped and the drop logged. @default 20000 */
  maxBuffered?: number;
}

/** {@link ActivityOptions} with every default applied and checked. */
export interface ResolvedActivityOptions {
  instanceId: string;
  flushIntervalMs: number;
  retentionMs: number | undefined;
  heartbeatIntervalMs: number;
  maxBuffered: number;
}

/** The documented defaults of {@link ActivityOptions}. */
export const ACTIVITY_DEFAULTS = {
  flushIntervalMs: 1000,
  retentionDays: 90,
  heartbeatIntervalMs: 10_000,
  maxBuffered: 20_000,
} as const;

function positive(name: string, value: unknown, fallback: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !Number.isFinite(resolved) || !(resolved > 0)) {
    throw new TypeError(`Invalid activity.${name}: ${String(value)} (a number above 0)`);
  }
  return resolved;
}

/** A random instance id: `i-` and 8 hex digits. */
function randomInstanceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `i-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Applies the documented defaults; throws a `TypeError` naming the first bad setting. */
export function resolveActivityOptions(options: ActivityOptions = {}): ResolvedActivityOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Invalid activity: an object');
  const { instanceId } = options;
  if (instanceId !== undefined && (typeof instanceId !== 'string' || !/^[\w.:-]{1,64}$/.test(instanceId))) {
    throw new TypeError(`Invalid activity.instanceId: ${String(instanceId)} (1–64 of [A-Za-z0-9_.:-])`);
  }
  const retentionDays = options.retentionDays ?? ACTIVITY_DEFAULTS.retentionDays;
  if (retentionDays !== false && (typeof retentionDays !== 'number' || !(retentionDays >= 1))) {
    throw new TypeError(`Invalid activity.retentionDays: ${String(options.retentionDays)} (days ≥ 1, or false)`);
  }
  return {
    instanceId: instanceId ?? randomInstanceId(),
    flushIntervalMs: positive('flushIntervalMs', options.flushIntervalMs, ACTIVITY_DEFAULTS.flushIntervalMs),
    retentionMs: retentionDays === false ? undefined : retentionDays * 86_400_000,
    heartbeatIntervalMs: positive(
      'heartbeatIntervalMs',
      options.heartbeatIntervalMs,
      ACTIVITY_DEFAULTS.heartbeatIntervalMs,
    ),
    maxBuffered: positive('maxBuffered', options.maxBuffered, ACTIVITY_DEFAULTS.maxBuffered),
  };
}

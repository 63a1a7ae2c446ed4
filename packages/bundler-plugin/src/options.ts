import { CoinslotPluginError } from './plugin-error.js';

/** The package.json fields a plugin may read channel packages from. */
export type DependencyField = 'dependencies' | 'optionalDependencies' | 'devDependencies' | 'peerDependencies';

/** What decides which of the app's dependencies are channels. */
export interface ChannelPackagesOptions {
  /**
   * Package-name patterns; the first capture group of the first one that matches is the channel id.
   * Default: {@link DEFAULT_MATCH}.
   */
  match?: readonly RegExp[];
  /** The package.json fields to read. Default: `dependencies` and `optionalDependencies` (what the app ships). */
  fields?: readonly DependencyField[];
  /** Channel ids to leave out of the generated module. */
  exclude?: readonly string[];
}

/** Options every Coinslot bundler plugin takes. */
export interface CoinslotChannelsOptions extends ChannelPackagesOptions {
  /**
   * The app's package.json: absolute, or relative to the bundler's root (Vite's `root`, webpack's `context`,
   * esbuild's `absWorkingDir`, else the working directory). Default: `package.json`.
   */
  packageJson?: string;
}

/**
 * `@coinslot/channel-<id>`, `coinslot-channel-<id>` and `@scope/coinslot-channel-<id>`: the names a channel
 * package is published under (see docs/writing-a-channel.md). The first capture group is the channel id.
 */
export const DEFAULT_MATCH: readonly RegExp[] = [
  /^@coinslot\/channel-([a-z0-9][a-z0-9-]*)$/,
  /^(?:@[^/]+\/)?coinslot-channel-([a-z0-9][a-z0-9-]*)$/,
];

/** The fields read by default: what the app ships, not its tooling. */
export const DEFAULT_FIELDS: readonly DependencyField[] = ['dependencies', 'optionalDependencies'];

const FIELDS: readonly DependencyField[] = [
  'dependencies',
  'optionalDependencies',
  'devDependencies',
  'peerDependencies',
];
const KNOWN_OPTIONS = new Set(['packageJson', 'match', 'fields', 'exclude']);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Check a plugin's options before the build starts, so a typo fails with a message naming the option rather
 * than as a missing channel at run time.
 * @throws {CoinslotPluginError} `INVALID_PLUGIN_OPTIONS`
 */
export function checkOptions(options: unknown): CoinslotChannelsOptions {
  if (options === undefined) return {};
  const bad = (what: string) => new CoinslotPluginError('INVALID_PLUGIN_OPTIONS', what);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw bad('options must be an object');
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!KNOWN_OPTIONS.has(key)) throw bad(`unknown option "${key}" (known: ${[...KNOWN_OPTIONS].join(', ')})`);
  }
  const { packageJson, match, fields, exclude } = given;
  if (packageJson !== undefined && (typeof packageJson !== 'string' || packageJson === ''))
    throw bad('packageJson must be a non-empty path');
  if (match !== undefined && !(Array.isArray(match) && match.length > 0 && match.every((m) => m instanceof RegExp))) {
    throw bad('match must be a non-empty array of RegExp, each with a capture group for the channel id');
  }
  if (
    fields !== undefined &&
    !(isStringArray(fields) && fields.length > 0 && fields.every((f) => (FIELDS as string[]).includes(f)))
  ) {
    throw bad(`fields must be a non-empty array of ${FIELDS.join(', ')}`);
  }
  if (exclude !== undefined && !isStringArray(exclude)) throw bad('exclude must be an array of channel ids');
  return given as CoinslotChannelsOptions;
}

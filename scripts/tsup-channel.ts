import type { Options } from 'tsup';

/** What differs between the channel packages' builds. */
export interface ChannelBuild {
  /** Whether the package has a server driver, `src/server/index.ts`, built as its `/server` entry. @default true */
  server?: boolean;
  /** Peers and the provider's libraries: kept out, so the game, the adapter and the pay server share one copy of each. */
  external: string[];
}

/**
 * The tsup config of a channel package (packages/channel-*): the client adapter `index` (browser-safe, no secret) and
 * the server driver `server` (Node: secrets live there), ESM and CJS with declarations and source maps.
 *
 * scripts/build-stale.mjs looks only inside a package for changed inputs: after editing this file, rebuild the
 * channels with `node scripts/build-stale.mjs --force <package>`.
 */
export function channelBuild({ server = true, external }: ChannelBuild): Options {
  return {
    entry: server ? { index: 'src/index.ts', server: 'src/server/index.ts' } : { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // Off whatever a tsconfig says: tsup's declaration build fails on a composite project.
    dts: { compilerOptions: { composite: false } },
    clean: true,
    sourcemap: true,
    target: 'es2022',
    external,
  };
}

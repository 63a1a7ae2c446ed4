import { CoinslotError } from '@coinslot/core';
import {
  SANDBOX_DECISIONS,
  type SandboxDecision,
  type SandboxMode,
  type SandboxOptions,
  type SandboxPresentation,
} from './sandbox-options.js';

/** The sandbox options after `init` checked them. */
export interface ResolvedSandboxOptions {
  /** The presentation the app asked for, or `undefined` to follow core's choice. */
  presentation: SandboxPresentation | undefined;
  /** The decision a headless checkout posts. */
  headlessDecision: SandboxDecision;
}

/**
 * Check the app's `channelOptions.sandbox` against the adapter's mode and this environment.
 * @throws CoinslotError `INVALID_OPTIONS` for a wrong option; `CHANNEL_UNAVAILABLE` for a page presentation without a window.
 */
export function resolveSandboxOptions(
  given: SandboxOptions | undefined,
  mode: SandboxMode,
  presentations: readonly SandboxPresentation[],
): ResolvedSandboxOptions {
  const options: SandboxOptions = given ?? {};
  if (typeof options !== 'object' || options === null) {
    throw invalid(`channelOptions.sandbox must be an object, got ${JSON.stringify(given)}`);
  }
  if (options.mode !== undefined && options.mode !== mode) {
    throw invalid(
      `channelOptions.sandbox.mode is "${String(options.mode)}" but this adapter reports results in "${mode}" mode; ` +
        `load createSandboxChannel({ mode: '${String(options.mode)}' }) from '@coinslot/channel-sandbox' instead`,
    );
  }
  const { presentation, headlessDecision = 'approve' } = options;
  if (presentation !== undefined && !presentations.includes(presentation)) {
    throw invalid(
      `channelOptions.sandbox.presentation must be one of ${presentations.join(', ')} in ${mode} mode, got ${JSON.stringify(presentation)}`,
    );
  }
  if (!SANDBOX_DECISIONS.includes(headlessDecision)) {
    throw invalid(
      `channelOptions.sandbox.headlessDecision must be one of ${SANDBOX_DECISIONS.join(', ')}, got ${JSON.stringify(headlessDecision)}`,
    );
  }
  if ((presentation === 'popup' || presentation === 'redirect') && typeof window === 'undefined') {
    throw new CoinslotError('CHANNEL_UNAVAILABLE', `The sandbox "${presentation}" presentation needs a browser window`);
  }
  return { presentation, headlessDecision };
}

function invalid(message: string): CoinslotError {
  return new CoinslotError('INVALID_OPTIONS', message);
}

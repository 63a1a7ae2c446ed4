import { SPEC_VERSION, type PaymentInterface } from '../contract/payment-interface.js';
import { isRecord } from '../internal/guards.js';
import type { SkipReason } from './channel-resolution.js';

const RESULT_SOURCES = ['server', 'client'];

function looksLikeAdapter(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.id === 'string' && typeof value.pay === 'function';
}

/** The adapter a loader's module holds: its `default` export when that looks like one, else the module itself. */
export function adapterFromModule(mod: unknown): unknown {
  return isRecord(mod) && looksLikeAdapter(mod.default) ? mod.default : mod;
}

/** An adapter that passed its checks, or why it did not. */
export type AdapterCheck =
  | { ok: true; adapter: PaymentInterface<unknown> }
  | { ok: false; reason: SkipReason; message: string };

/** Check that a loaded value is a usable adapter for channel `channelId`, with a message that says what to fix. */
export function checkAdapter(candidate: unknown, channelId: string): AdapterCheck {
  const failed = (message: string): AdapterCheck => ({ ok: false, reason: 'load-failed', message });
  if (!looksLikeAdapter(candidate)) {
    return failed(`Channel "${channelId}" exports no adapter (expected a default export made with defineChannel()).`);
  }
  if (candidate.specVersion !== SPEC_VERSION) {
    return {
      ok: false,
      reason: 'version-mismatch',
      message: `Channel "${channelId}" implements adapter spec ${String(candidate.specVersion)}, this core spec ${SPEC_VERSION}: upgrade one so they match.`,
    };
  }
  if (candidate.id !== channelId) {
    return failed(
      `Channel "${channelId}" loaded an adapter whose id is "${String(candidate.id)}"; its key in \`channels\` must equal it.`,
    );
  }
  if (!RESULT_SOURCES.includes(candidate.resultSource as string)) {
    return failed(
      `Channel "${channelId}" has resultSource ${String(candidate.resultSource)}; expected "server" or "client".`,
    );
  }
  const caps = candidate.capabilities;
  if (
    !isRecord(caps) ||
    !Array.isArray(caps.platforms) ||
    !Array.isArray(caps.presentations) ||
    caps.presentations.length === 0
  ) {
    return failed(
      `Channel "${channelId}" declares no valid capabilities (platforms, presentations, needsUserGesture).`,
    );
  }
  if (typeof candidate.isAvailable !== 'function') {
    return failed(`Channel "${channelId}" has no isAvailable() function.`);
  }
  return { ok: true, adapter: candidate as unknown as PaymentInterface<unknown> };
}

import type { ChannelResolution } from './factory/channel-resolution.js';
import type { CoinslotRuntime } from './runtime.js';

/**
 * Dispose every ready adapter (waiting for a resolution still in flight) and remove all listeners.
 * In-flight operations were already aborted through the dispose signal.
 */
export async function disposeInstance(rt: CoinslotRuntime, resolution: Promise<ChannelResolution> | undefined): Promise<void> {
  const ready = await resolution?.catch(() => undefined);
  await Promise.all(
    [...(ready?.ready.values() ?? [])].map(async (adapter) => {
      try {
        await adapter.dispose?.();
      } catch (error) {
        rt.logger.warn(`Disposing channel "${adapter.id}" failed.`, { error });
      }
    }),
  );
  rt.emitter.removeAll();
}

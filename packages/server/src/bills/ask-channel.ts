import type { Bill } from '@coinslot/protocol';
import type { ChannelDriver, ChannelStatus, DriverContext } from '../drivers/channel-driver.js';

/** What the driver's `query` answered, or why there is no answer. */
export type ChannelAnswer = { status: ChannelStatus } | { error: string };

/** Whether `value` has the shape of a {@link ChannelStatus}; the verdict's fields are checked against the bill later. */
function isStatus(value: unknown): value is ChannelStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Record<string, unknown>;
  return status.pending === true || status.refused === true || typeof status.transition === 'string';
}

/**
 * Calls `driver.query(bill)` and answers within `timeoutMs` (real time) or as soon as `stop` aborts: a driver that
 * throws, answers no status, or is slower counts as an error. A late answer is dropped, never applied: the bill is
 * asked about again at its next checkpoint.
 */
export async function askChannel(
  driver: ChannelDriver & Required<Pick<ChannelDriver, 'query'>>,
  bill: Readonly<Bill>,
  ctx: DriverContext,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<ChannelAnswer> {
  if (stop.aborted) return { error: 'the server is closing' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onStop: (() => void) | undefined;
  const cut = new Promise<ChannelAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    onStop = () => resolve({ error: 'the server is closing' });
    stop.addEventListener('abort', onStop, { once: true });
  });
  const asked = (async (): Promise<ChannelAnswer> => {
    try {
      const status: unknown = await driver.query(bill, ctx);
      return isStatus(status) ? { status } : { error: `the driver answered no status: ${String(status)}` };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  })();
  try {
    return await Promise.race([asked, cut]);
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop!);
  }
}

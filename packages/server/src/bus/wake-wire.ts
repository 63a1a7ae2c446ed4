/**
 * A wake-up as PostgreSQL's and Redis's buses carry it: the bill id alone, or the bill id, a newline and the sealed
 * change (bus/change-seal.ts). Bill ids have no newline. An instance of a version before sealed changes reads the
 * whole message as a bill id and finds no wait for it: during a rolling upgrade its waits learn of changes made on
 * newer instances when their holds end (≤ 25 s), as after a lost wake-up — nothing is lost.
 */
export function encodeWake(billId: string, sealed?: string): string {
  return sealed === undefined ? billId : `${billId}\n${sealed}`;
}

/** The bill id and sealed change of a message {@link encodeWake} made. */
export function decodeWake(message: string): { billId: string; sealed?: string } {
  const newline = message.indexOf('\n');
  return newline < 0 ? { billId: message } : { billId: message.slice(0, newline), sealed: message.slice(newline + 1) };
}

/** The pause before reconnect attempt `attempt` (1, 2, …): 50 ms doubling, at most `maxMs`. */
export function reconnectDelay(attempt: number, maxMs: number): number {
  return Math.min(50 * 2 ** Math.min(attempt - 1, 16), maxMs);
}

/**
 * Resolves once the pay server says the bill is no longer `created` (paid, cancelled, expired…), asking the driver's
 * status page every `pollMs`. It only tells the adapter to stop showing the checkout: the outcome is what core
 * then reads from the pay server's signed result. A failed ask is retried at the next poll. Stops, without
 * settling, when `signal` aborts.
 */
export function watchBill(statusUrl: string, pollMs: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => clearTimeout(timer);
    signal.addEventListener('abort', stop, { once: true });
    const ask = async (): Promise<void> => {
      try {
        const response = await fetch(statusUrl, { signal, headers: { accept: 'application/json' } });
        const body = (await response.json()) as { state?: unknown };
        if (response.ok && typeof body.state === 'string' && body.state !== 'created') {
          signal.removeEventListener('abort', stop);
          return resolve(body.state);
        }
      } catch {
        // Offline for a moment, or aborted: the next poll (if any) asks again.
      }
      if (!signal.aborted) timer = setTimeout(ask, pollMs);
    };
    timer = setTimeout(ask, pollMs);
  });
}

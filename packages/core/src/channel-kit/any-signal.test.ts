import { describe, expect, it, vi } from 'vitest';
import { anySignal } from './any-signal.js';
import { withoutAbortSignalAny } from './without-abort-signal-any.js';

/** The abort listeners added to and removed from `signal`, counted. */
function countListeners(signal: AbortSignal) {
  const counts = { added: 0, removed: 0 };
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: EventListener, options?: unknown) => {
    if (type === 'abort') counts.added += 1;
    add(type, listener, options as AddEventListenerOptions);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((type: string, listener: EventListener, options?: unknown) => {
    if (type === 'abort') counts.removed += 1;
    remove(type, listener, options as EventListenerOptions);
  }) as AbortSignal['removeEventListener'];
  return counts;
}

describe('anySignal', () => {
  it('uses AbortSignal.any where the runtime has it', () => {
    const spy = vi.spyOn(AbortSignal, 'any');
    const a = new AbortController();
    const signal = anySignal([a.signal]);
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
    a.abort('gone');
    expect(signal.reason).toBe('gone');
  });

  describe('without AbortSignal.any (older browsers)', () => {
    withoutAbortSignalAny();

    it('really runs without AbortSignal.any', () => {
      expect('any' in AbortSignal).toBe(false);
    });

    it('aborts when any source aborts, with that source’s reason, and removes every listener it added', () => {
      const a = new AbortController();
      const b = new AbortController();
      const counts = [countListeners(a.signal), countListeners(b.signal)];
      const signal = anySignal([a.signal, b.signal]);
      expect(signal.aborted).toBe(false);
      const reason = new Error('player closed the checkout');
      b.abort(reason);
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe(reason);
      expect(counts).toEqual([
        { added: 1, removed: 1 },
        { added: 1, removed: 1 },
      ]);
      a.abort('later');
      expect(signal.reason).toBe(reason);
    });

    it('is aborted at once, adding no listener, when a source already is', () => {
      const a = new AbortController();
      const b = new AbortController();
      a.abort('already');
      const counts = countListeners(b.signal);
      const signal = anySignal([b.signal, a.signal]);
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe('already');
      expect(counts).toEqual({ added: 0, removed: 0 });
    });

    it('fires its own abort event once', () => {
      const a = new AbortController();
      const signal = anySignal([a.signal, new AbortController().signal]);
      const onAbort = vi.fn();
      signal.addEventListener('abort', onAbort);
      a.abort();
      expect(onAbort).toHaveBeenCalledOnce();
      expect(signal.reason).toBeInstanceOf(DOMException);
    });
  });
});

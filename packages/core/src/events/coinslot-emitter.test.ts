import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../internal/logger.js';
import { CoinslotEmitter } from './coinslot-emitter.js';

const payload = { channel: 'sandbox' };

describe('CoinslotEmitter', () => {
  it('delivers payloads; on() answers an unsubscribe and off() removes a listener', () => {
    const emitter = new CoinslotEmitter(silentLogger);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribe = emitter.on('channel-loaded', first);
    emitter.on('channel-loaded', second);
    emitter.emit('channel-loaded', payload);
    unsubscribe();
    emitter.off('channel-loaded', second);
    emitter.emit('channel-loaded', payload);
    expect(first).toHaveBeenCalledExactlyOnceWith(payload);
    expect(second).toHaveBeenCalledExactlyOnceWith(payload);
  });

  it('unsubscribes one registration of a listener added twice; off() removes the listener', () => {
    const emitter = new CoinslotEmitter(silentLogger);
    const listener = vi.fn();
    const first = emitter.on('channel-loaded', listener);
    emitter.on('channel-loaded', listener);
    first();
    emitter.emit('channel-loaded', payload);
    expect(listener).toHaveBeenCalledOnce();
    emitter.off('channel-loaded', listener);
    emitter.emit('channel-loaded', payload);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('logs a listener that throws and still calls the others', () => {
    const logger = { ...silentLogger, error: vi.fn() };
    const emitter = new CoinslotEmitter(logger);
    const after = vi.fn();
    emitter.on('channel-loaded', () => {
      throw new Error('listener bug');
    });
    emitter.on('channel-loaded', after);
    expect(() => emitter.emit('channel-loaded', payload)).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(logger.error).toHaveBeenCalledOnce();
  });

  it('removeAll() drops every listener', () => {
    const emitter = new CoinslotEmitter(silentLogger);
    const listener = vi.fn();
    emitter.on('bill-created', listener);
    emitter.removeAll();
    emitter.emit('bill-created', { bill: {} as never });
    expect(listener).not.toHaveBeenCalled();
  });
});

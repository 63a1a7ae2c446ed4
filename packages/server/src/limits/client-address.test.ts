import { describe, expect, it } from 'vitest';
import { clientAddress, setRemoteAddress } from './client-address.js';

function request(address: string | undefined, forwardedFor?: string): Request {
  const headers = forwardedFor === undefined ? undefined : { 'x-forwarded-for': forwardedFor };
  const made = new Request('http://pay.example/v1/bills', { headers });
  if (address !== undefined) setRemoteAddress(made, address);
  return made;
}

describe('clientAddress', () => {
  it('is the socket’s address, and ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), 0)).toBe('203.0.113.9');
  });

  it('is undefined when the host gave no address (no per-IP limit then)', () => {
    expect(clientAddress(request(undefined, '198.51.100.1'), 1)).toBeUndefined();
  });

  it('with trustProxy n, is the n-th hop from the right: what the nearest trusted proxy saw', () => {
    const forwarded = 'spoofed-by-client, 198.51.100.1, 10.0.0.2';
    expect(clientAddress(request('10.0.0.3', forwarded), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.3', forwarded), 2)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.3', '198.51.100.1'), 3)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.3'), 1)).toBe('10.0.0.3');
  });
});

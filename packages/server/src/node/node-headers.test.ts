import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { NodeHeaders } from './node-headers.js';
import { headersOf } from './request-body.js';

const RAW = [
  'Host',
  '127.0.0.1:8787',
  'Authorization',
  'Bearer abc',
  'X-Forwarded-For',
  '203.0.113.7',
  'x-forwarded-for',
  '10.0.0.1',
  'Accept',
  'application/json',
  'Set-Cookie',
  'a=1',
  'set-cookie',
  'b=2',
];
const incoming = (rawHeaders: string[]) => ({ rawHeaders }) as unknown as IncomingMessage;

describe('NodeHeaders', () => {
  it('answers get and has as a Headers built from the same raw headers does, in any case', () => {
    const lean = new NodeHeaders(incoming(RAW));
    const real = headersOf(incoming(RAW));
    for (const name of [
      'host',
      'AUTHORIZATION',
      'x-forwarded-for',
      'accept',
      'set-cookie',
      'origin',
      'content-length',
    ]) {
      expect(lean.get(name), name).toBe(real.get(name));
      expect(lean.has(name), name).toBe(real.has(name));
    }
  });

  it('iterates like that Headers, and keeps changes once changed', () => {
    const lean = new NodeHeaders(incoming(RAW));
    expect([...lean]).toEqual([...headersOf(incoming(RAW))]);
    expect(lean.getSetCookie()).toEqual(['a=1', 'b=2']);
    lean.set('accept', 'text/plain');
    lean.delete('authorization');
    expect([lean.get('accept'), lean.get('authorization'), lean.get('host')]).toEqual([
      'text/plain',
      null,
      '127.0.0.1:8787',
    ]);
    expect(new Headers(lean).get('accept')).toBe('text/plain');
    const seen: string[] = [];
    lean.forEach((value, name, parent) => {
      seen.push(`${name}=${value}:${parent === lean}`);
    });
    expect(seen).toContain('host=127.0.0.1:8787:true');
  });
});

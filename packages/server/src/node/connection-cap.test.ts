import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { defaultConnectionCap } from './connection-cap.js';

vi.mock('node:fs', () => ({ readFileSync: vi.fn() }));
const limits = (soft: string) =>
  vi
    .mocked(readFileSync)
    .mockReturnValue(
      `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 1048576              files\n`,
    );

describe('defaultConnectionCap', () => {
  it('stays under the process’s open-file limit, with descriptors to spare', () => {
    limits('1024');
    expect(defaultConnectionCap(10_000)).toBe(960);
  });

  it('is the fallback when the process may open more files', () => {
    limits('1048576');
    expect(defaultConnectionCap(10_000)).toBe(10_000);
  });

  it('is the fallback where /proc/self/limits cannot be read', () => {
    vi.mocked(readFileSync).mockImplementation(() => {
      throw new Error('ENOENT');
    });
    expect(defaultConnectionCap(10_000)).toBe(10_000);
  });
});

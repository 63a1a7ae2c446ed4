import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { steamCartLine } from './steam-items.js';
import { steamWebLanguage } from './steam-languages.js';

describe('steamWebLanguage', () => {
  it('maps Steam’s API language names to Web API codes, keeps codes, falls back to English', () => {
    expect(steamWebLanguage('schinese')).toBe('zh-CN');
    expect(steamWebLanguage('koreana')).toBe('ko');
    expect(steamWebLanguage('latam')).toBe('es-419');
    expect(steamWebLanguage('brazilian')).toBe('pt-BR');
    expect(steamWebLanguage('pt-BR')).toBe('pt-BR');
    expect(steamWebLanguage('klingon')).toBe('en');
    expect(steamWebLanguage(undefined)).toBe('en');
  });
});

describe('steamCartLine', () => {
  const bill = { itemId: 'coins-550', quantity: 1, amount: 499 } as Bill;

  it('sells the configured item at the bill’s amount', () => {
    expect(
      steamCartLine(bill, { 'coins-550': { itemId: 1002, description: 'Chest of coins', category: 'coins' } }),
    ).toEqual({
      'itemid[0]': '1002',
      'qty[0]': '1',
      'amount[0]': '499',
      'description[0]': 'Chest of coins',
      'category[0]': 'coins',
    });
  });

  it('names the quantity, takes a numeric item id as is, refuses an item without a Steam id', () => {
    expect(steamCartLine({ ...bill, itemId: '77', quantity: 3, amount: 300 }, {})).toMatchObject({
      'itemid[0]': '77',
      'qty[0]': '3',
      'description[0]': '3 × 77',
    });
    expect(steamCartLine(bill, {})).toMatch(/no Steam item id/);
    expect(steamCartLine({ ...bill, itemId: '99999999999' }, {})).toMatch(/no Steam item id/);
  });
});

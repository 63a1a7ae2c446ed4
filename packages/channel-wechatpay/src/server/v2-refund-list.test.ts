import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasV2Signature, v2Signature } from './v2-signature.js';
import { parseV2Xml, toV2Xml } from './v2-xml.js';

// API v2's XML and HMAC-SHA256 sign, used only for refundquery (the list of an order's refunds).
const KEY = '192006250b4c09247ec02edce69f6a2d';

describe('v2 XML', () => {
  it('writes every field in CDATA and reads CDATA and plain text back', () => {
    const xml = toV2Xml({ appid: 'wx1', out_trade_no: 'b_a<b>&c' });
    expect(xml).toBe('<xml><appid><![CDATA[wx1]]></appid><out_trade_no><![CDATA[b_a<b>&c]]></out_trade_no></xml>');
    expect(parseV2Xml(xml)).toEqual({ appid: 'wx1', out_trade_no: 'b_a<b>&c' });
    expect(parseV2Xml('<xml><refund_count>2</refund_count><a>x &amp; y</a></xml>')).toEqual({
      refund_count: '2',
      a: 'x & y',
    });
  });

  it('refuses what is not a flat v2 message, and any DOCTYPE or ENTITY', () => {
    expect(parseV2Xml('{"return_code":"SUCCESS"}')).toBeUndefined();
    expect(parseV2Xml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>')).toBeUndefined();
    expect(parseV2Xml('<xml><!ENTITY e "x"><a>1</a></xml>')).toBeUndefined();
  });
});

describe('the v2 HMAC-SHA256 sign', () => {
  it('signs the sorted non-empty fields but sign, with &key= appended, in upper-case hex', () => {
    const fields = { mch_id: '1900000109', appid: 'wx1', nonce_str: 'abc', empty: '', sign_type: 'HMAC-SHA256' };
    const text = `appid=wx1&mch_id=1900000109&nonce_str=abc&sign_type=HMAC-SHA256&key=${KEY}`;
    const expected = createHmac('sha256', KEY).update(text).digest('hex').toUpperCase();
    expect(v2Signature(fields, KEY)).toBe(expected);
    expect(hasV2Signature({ ...fields, sign: expected }, KEY)).toBe(true);
    expect(hasV2Signature({ ...fields, nonce_str: 'abd', sign: expected }, KEY)).toBe(false);
    expect(hasV2Signature(fields, KEY)).toBe(false);
  });
});

import { createSign, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readWechatPayKeys, signatureProblem } from './wechatpay-signature.js';

// Merchants still on platform certificates (平台证书) give the driver a certificate PEM under its serial number. This
// test makes a self-signed X.509 certificate (DER written by hand: Node can parse certificates, not issue them) and
// checks that a signature by its key verifies through the driver's key ring.
const der = (tag: number, body: Buffer): Buffer => {
  const length =
    body.length < 0x80
      ? Buffer.from([body.length])
      : body.length < 0x100
        ? Buffer.from([0x81, body.length])
        : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const sequence = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const oid = (bytes: number[]) => der(0x06, Buffer.from(bytes));
const SHA256_WITH_RSA = sequence(
  oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]),
  der(0x05, Buffer.alloc(0)),
);
const name = (cn: string) => sequence(der(0x31, sequence(oid([0x55, 0x04, 0x03]), der(0x0c, Buffer.from(cn)))));
const utcTime = (text: string) => der(0x17, Buffer.from(text));

function selfSignedCertificate(serialHex: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.from(serialHex, 'hex')),
    SHA256_WITH_RSA,
    name('Tenpay.com Root CA (test)'),
    sequence(utcTime('260101000000Z'), utcTime('310101000000Z')),
    name('WeChat Pay platform certificate (test)'),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = createSign('RSA-SHA256').update(tbs).sign(privateKey);
  const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const body = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return { privateKey, pem: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n` };
}

describe('platform certificates', () => {
  it('verifies a signature by the certificate’s key, named by the certificate’s serial', () => {
    const serial = '5157F09EFDC096DE15EBE81A47057A72';
    const { privateKey, pem } = selfSignedCertificate(serial);
    expect(new X509Certificate(pem).serialNumber).toBe(serial);
    const keys = readWechatPayKeys({ [serial]: pem });
    const now = Date.now();
    const timestamp = String(Math.floor(now / 1000));
    const body = '{"id":"EV-1"}';
    const signature = createSign('RSA-SHA256').update(`${timestamp}\nN\n${body}\n`).sign(privateKey, 'base64');
    const headers = new Headers({
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': 'N',
      'wechatpay-signature': signature,
      'wechatpay-serial': serial,
    });
    expect(signatureProblem(keys, { headers, body: new TextEncoder().encode(body) }, now, 300)).toBeUndefined();
    expect(signatureProblem(keys, { headers, body: new TextEncoder().encode('{}') }, now, 300)).toBe(
      'bad Wechatpay-Signature',
    );
  });
});

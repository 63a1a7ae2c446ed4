import { generateKeyPairSync, sign } from 'node:crypto';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parse = (text: string | undefined): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * `jwt`'s header and claims (issuer, audience, player, times) signed again with a fresh ES256 key no server trusts:
 * a token that is right in every way but its signature.
 */
export function resignedWithUntrustedKey(jwt: string): string {
  const [header, payload] = jwt.split('.');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const input = `${part({ ...parse(header), alg: 'ES256' })}.${part(parse(payload))}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * The flat XML of WeChat Pay API v2 (`<xml><key>value</key>…</xml>`, values in CDATA), read and written by hand: the
 * driver only needs one v2 call (`refundquery`), whose messages are one level of text fields. No entity, DOCTYPE or
 * nesting is ever interpreted, so there is nothing for an XML external entity attack to reach.
 */

/** `fields` as v2 XML, every value in CDATA. */
export function toV2Xml(fields: Readonly<Record<string, string>>): string {
  const parts = Object.entries(fields).map(([key, value]) => {
    if (value.includes(']]>')) throw new Error(`v2 XML: the value of ${key} cannot be written in CDATA`);
    return `<${key}><![CDATA[${value}]]></${key}>`;
  });
  return `<xml>${parts.join('')}</xml>`;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const FIELD = /<([A-Za-z_][A-Za-z0-9_]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;

/** The fields of a v2 XML message, or `undefined` when it is not one (a DOCTYPE is refused outright). */
export function parseV2Xml(text: string): Record<string, string> | undefined {
  const inner = /^\s*<xml>([\s\S]*)<\/xml>\s*$/.exec(text)?.[1];
  if (inner === undefined || /<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  const fields: Record<string, string> = {};
  for (const match of inner.matchAll(FIELD)) {
    const [, key, cdata, plain] = match;
    fields[key!] = cdata ?? (plain ?? '').replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
  }
  return fields;
}

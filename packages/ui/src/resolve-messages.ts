import type { CheckoutMessages } from './messages.js';
import { EN } from './messages-en.js';
import { ZH_CN } from './messages-zh-cn.js';

/**
 * The messages for `locale` (`zh-CN`, `zh-Hans`, `zh-SG` and plain `zh` read Simplified Chinese; anything else
 * English), with the game's `overrides` on top. Answers the locale the words are in, for the UI's `lang`.
 */
export function resolveMessages(
  locale: string | undefined,
  overrides: Partial<CheckoutMessages> = {},
): { lang: string; messages: CheckoutMessages } {
  const simplified = /^zh(?:-(?:cn|hans|sg)(?:-|$)|$)/i.test(locale ?? '');
  return simplified
    ? { lang: 'zh-CN', messages: { ...ZH_CN, ...overrides } }
    : { lang: locale ?? 'en', messages: { ...EN, ...overrides } };
}

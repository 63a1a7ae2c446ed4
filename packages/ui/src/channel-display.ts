/** How the UI shows a channel: its name (per locale) and its icon. */
export interface ChannelDisplay {
  /** The name: one for every locale, or one per locale (`{ en: 'Alipay', 'zh-CN': '支付宝' }`, `en` the fallback). */
  name: string | Readonly<Record<string, string>>;
  /** An icon: an image URL (an `<img>`; mind the page's CSP `img-src`), or the built-in badge's colour and letter. */
  icon?: string | { color: string; letter: string };
  /** A few words under the name (`'Scan a QR code'`), per locale like `name`. */
  hint?: string | Readonly<Record<string, string>>;
}

/**
 * The names and badges the UI knows by itself, for Coinslot's own channels. Adapters carry an id only (the contract
 * has no display metadata), so a game lists other channels in the `channels` option, which also overrides these.
 */
export const BUILT_IN_CHANNELS: Readonly<Record<string, ChannelDisplay>> = {
  sandbox: {
    name: { en: 'Sandbox', 'zh-CN': '沙盒测试' },
    icon: { color: '#b45309', letter: 'T' },
    hint: { en: 'Test checkout, nothing is charged', 'zh-CN': '测试收银台，不会扣款' },
  },
  stripe: {
    name: { en: 'Card', 'zh-CN': '银行卡' },
    icon: { color: '#635bff', letter: 'S' },
    hint: { en: 'Visa, Mastercard, Amex via Stripe', 'zh-CN': '通过 Stripe 支付' },
  },
  alipay: {
    name: { en: 'Alipay', 'zh-CN': '支付宝' },
    icon: { color: '#1677ff', letter: '支' },
    hint: { en: 'Scan with the Alipay app', 'zh-CN': '使用支付宝 App 扫码' },
  },
  wechatpay: {
    name: { en: 'WeChat Pay', 'zh-CN': '微信支付' },
    icon: { color: '#07c160', letter: '微' },
    hint: { en: 'Scan with WeChat', 'zh-CN': '使用微信扫码' },
  },
  steam: {
    name: { en: 'Steam Wallet', 'zh-CN': 'Steam 钱包' },
    icon: { color: '#1b2838', letter: 'S' },
    hint: { en: 'Pay in the Steam overlay', 'zh-CN': '在 Steam 界面中支付' },
  },
};

/** A text in `lang` (`zh-CN`, else `en`, else the first one given). */
export function localText(text: ChannelDisplay['name'] | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[lang] ?? text[lang.split('-')[0]!] ?? text.en ?? Object.values(text)[0];
}

/** What the UI shows for channel `id`: each of the game's fields, else the built-in one's, else the id itself. */
export function displayOf(
  id: string,
  lang: string,
  custom: Readonly<Record<string, ChannelDisplay>> = {},
): { name: string; hint: string | undefined; icon: ChannelDisplay['icon'] } {
  const own = Object.hasOwn(custom, id) ? custom[id] : undefined;
  const builtIn = Object.hasOwn(BUILT_IN_CHANNELS, id) ? BUILT_IN_CHANNELS[id] : undefined;
  return {
    name: localText(own?.name ?? builtIn?.name, lang) ?? id,
    hint: localText(own ? own.hint : builtIn?.hint, lang),
    icon: own?.icon ?? builtIn?.icon ?? { color: '#57606a', letter: id.charAt(0).toUpperCase() },
  };
}

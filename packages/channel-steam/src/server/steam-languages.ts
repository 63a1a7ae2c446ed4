// Steam's API language names (what ISteamApps::GetCurrentGameLanguage and steamworks.js's
// apps.currentGameLanguage() answer) to its Web API language codes (what InitTxn's `language` takes), from
// partner.steamgames.com/doc/store/localization/languages.
const WEB_API_CODES: Readonly<Record<string, string>> = {
  arabic: 'ar',
  bulgarian: 'bg',
  schinese: 'zh-CN',
  tchinese: 'zh-TW',
  czech: 'cs',
  danish: 'da',
  dutch: 'nl',
  english: 'en',
  finnish: 'fi',
  french: 'fr',
  german: 'de',
  greek: 'el',
  hungarian: 'hu',
  indonesian: 'id',
  italian: 'it',
  japanese: 'ja',
  koreana: 'ko',
  norwegian: 'no',
  polish: 'pl',
  portuguese: 'pt',
  brazilian: 'pt-BR',
  romanian: 'ro',
  russian: 'ru',
  spanish: 'es',
  latam: 'es-419',
  swedish: 'sv',
  thai: 'th',
  turkish: 'tr',
  ukrainian: 'uk',
  vietnamese: 'vi',
};

const CODES = new Set(Object.values(WEB_API_CODES));

/**
 * InitTxn's `language` for what the game reported: a Steam API language name (`schinese`) is mapped to its Web API
 * code (`zh-CN`), a Web API code is kept, anything else (or nothing) is English — the dialog then shows the item
 * descriptions as the driver wrote them.
 */
export function steamWebLanguage(reported: unknown): string {
  if (typeof reported !== 'string') return 'en';
  return WEB_API_CODES[reported.toLowerCase()] ?? (CODES.has(reported) ? reported : 'en');
}

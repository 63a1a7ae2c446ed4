/** What every journal file name ends with. */
export const FILE_SUFFIX = '.json';

const MAX_NAME_BYTES = 255;

/**
 * The file name of a storage key. Names must be safe and distinct on every file system, including the
 * case-insensitive ones of Windows and macOS: `a-z 0-9 _ -` stay, an upper-case letter becomes `^` and the
 * letter in lower case, and every other UTF-8 byte becomes `%` and two hex digits. So `coinslot:bill:b_1X`
 * is stored as `coinslot%3abill%3ab_1^x.json`. Encoded names never start with a dot; temporary files do.
 */
export function fileNameOf(key: string): string {
  let name = '';
  for (const byte of new TextEncoder().encode(key)) {
    const char = String.fromCharCode(byte);
    if (/[a-z0-9_-]/.test(char)) name += char;
    else if (/[A-Z]/.test(char)) name += `^${char.toLowerCase()}`;
    else name += `%${byte.toString(16).padStart(2, '0')}`;
  }
  name += FILE_SUFFIX;
  if (name.length > MAX_NAME_BYTES)
    throw new TypeError(`The storage key "${key.slice(0, 40)}…" is too long for a file name.`);
  return name;
}

/** The key a file name encodes, or `undefined` for a file that is not a journal entry (temporary files, strangers). */
export function keyOfFileName(name: string): string | undefined {
  if (!name.endsWith(FILE_SUFFIX)) return undefined;
  const body = name.slice(0, -FILE_SUFFIX.length);
  const bytes: number[] = [];
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!;
    if (/[a-z0-9_-]/.test(char)) bytes.push(char.charCodeAt(0));
    else if (char === '^' && /[a-z]/.test(body[index + 1] ?? ''))
      bytes.push(body[++index]!.toUpperCase().charCodeAt(0));
    else if (char === '%' && /^[0-9a-f]{2}$/.test(body.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(body.slice(index + 1, index + 3), 16));
      index += 2;
    } else return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

import { hashPassword } from '../password-hash.js';

/** The shortest password the console accepts a hash for. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * `coinslot-server admin hash-password`: reads the password from standard input — never the command line, which
 * every user of the machine can read (`ps`) — up to the first line end, and returns its hash for `admin.users`.
 */
export async function hashPasswordFromStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  const password = text.split(/\r?\n/, 1)[0] ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters (read from standard input)`);
  }
  return hashPassword(password);
}

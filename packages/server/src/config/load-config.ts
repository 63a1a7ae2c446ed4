import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { configError } from './config-error.js';

/** A configuration file as read: its JSON and the folder its relative paths start from. */
export interface LoadedConfigFile {
  raw: unknown;
  baseDir: string;
}

/**
 * Reads the configuration file at `path`: JSON, where a line whose first non-blank characters are `//` is a comment
 * (whole lines only, so no string is ever cut). Relative paths inside it are taken from the file's folder.
 */
export async function loadConfigFile(path: string): Promise<LoadedConfigFile> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw configError(
      '--config',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const json = text.replace(/^[ \t]*\/\/.*$/gm, '');
  try {
    return { raw: JSON.parse(json), baseDir: dirname(file) };
  } catch (error) {
    throw configError('--config', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

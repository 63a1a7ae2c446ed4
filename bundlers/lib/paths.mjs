// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../scripts/lib/pack.mjs';

export { ROOT };
/** This folder's parent: bundlers/. */
export const BUNDLERS_DIR = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES_DIR = path.join(BUNDLERS_DIR, 'fixtures');
export const VARIANTS_DIR = path.join(FIXTURES_DIR, '_variants');
/** The browser fixtures' shared game: copied in as src/main.js of every fixture that has none of its own. */
export const BROWSER_GAME = path.join(FIXTURES_DIR, '_shared', 'browser-game.js');
/** The Next.js fixtures' shared app (layout, page, game): copied into the app/ of every Next fixture that has none. */
export const NEXT_APP = path.join(FIXTURES_DIR, '_shared', 'next-app');
/** Scratch space (gitignored): tarballs and fixture copies, one folder per run. */
export const TMP_DIR = path.join(ROOT, '.tmp', 'bundlers');

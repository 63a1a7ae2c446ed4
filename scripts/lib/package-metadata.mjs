// @ts-check
/**
 * What a published package must carry so that a user who installed it can find its source, its docs and the error
 * pages: `repository` (with the package's `directory`), `homepage` and `bugs` in its package.json, and a README whose
 * links work on npm — a relative link that leaves the package (`../../docs/…`) is broken there, so links to the
 * repository's docs are absolute GitHub URLs, and each of those must name a file or folder that exists.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository every package is published from. */
export const REPOSITORY = 'https://github.com/coinslot/coinslot';

/**
 * @param {Record<string, any>} manifest the package's package.json
 * @param {string} folder the package's folder under the repository root (`packages/core`)
 * @returns {string[]} what is missing or wrong
 */
export function manifestProblems(manifest, folder) {
  /** @type {string[]} */
  const problems = [];
  const repository = manifest.repository;
  if (typeof repository !== 'object' || repository === null) problems.push('no "repository" object');
  else {
    if (repository.url !== `git+${REPOSITORY}.git`) problems.push(`"repository.url" is not git+${REPOSITORY}.git`);
    if (repository.directory !== folder) problems.push(`"repository.directory" is not ${folder}`);
  }
  if (typeof manifest.homepage !== 'string' || !manifest.homepage.startsWith(`${REPOSITORY}/`))
    problems.push(`no "homepage" under ${REPOSITORY}/`);
  if (manifest.bugs?.url !== `${REPOSITORY}/issues`) problems.push(`"bugs.url" is not ${REPOSITORY}/issues`);
  return problems;
}

/**
 * @param {string} readme the README's text
 * @param {string} folder the package's folder under the repository root
 * @param {string} root the repository root, where the GitHub links are checked
 * @returns {string[]} links that would be broken on npm or point at nothing in the repository
 */
export function readmeLinkProblems(readme, folder, root) {
  /** @type {string[]} */
  const problems = [];
  const prefix = new RegExp(`^${REPOSITORY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:blob|tree)/main/([^#?]*)`);
  for (const match of readme.matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) {
      const inRepository = prefix.exec(target)?.[1];
      if (inRepository !== undefined && !existsSync(path.join(root, inRepository)))
        problems.push(`${target}: no ${inRepository} in the repository`);
      continue;
    }
    const inside = path.normalize(path.join(folder, target.split('#')[0] ?? ''));
    if (!(inside === folder || inside.startsWith(`${folder}${path.sep}`)))
      problems.push(
        `${target}: a relative link that leaves the package (broken on npm); link ${REPOSITORY}/blob/main/… instead`,
      );
  }
  return problems;
}

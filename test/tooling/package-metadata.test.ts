import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifestProblems, readmeLinkProblems, REPOSITORY } from '../../scripts/lib/package-metadata.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Every package npm would publish: each folder under packages/ whose package.json is not private. */
const PUBLISHED = readdirSync(join(ROOT, 'packages')).filter((folder) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', folder, 'package.json'), 'utf8'));
  return manifest.private !== true;
});
const GOOD = {
  repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: 'packages/core' },
  homepage: `${REPOSITORY}/tree/main/packages/core#readme`,
  bugs: { url: `${REPOSITORY}/issues` },
};

describe('package metadata check (npm run check:packages)', () => {
  it('passes a package.json with repository (and its directory), homepage and bugs', () => {
    expect(manifestProblems(GOOD, 'packages/core')).toEqual([]);
  });

  it('names each missing or wrong field', () => {
    expect(manifestProblems({}, 'packages/core')).toEqual([
      'no "repository" object',
      `no "homepage" under ${REPOSITORY}/`,
      `"bugs.url" is not ${REPOSITORY}/issues`,
    ]);
    expect(
      manifestProblems({ ...GOOD, repository: { ...GOOD.repository, directory: 'packages/x' } }, 'packages/core'),
    ).toEqual(['"repository.directory" is not packages/core']);
  });

  it('refuses a README link that leaves the package, and an absolute link to a file the repository lacks', () => {
    const readme = [
      'See [the protocol](../../docs/protocol.md), [tests](./test/a.test.ts), [above](#install),',
      `[errors](${REPOSITORY}/blob/main/docs/errors/README.md), [gone](${REPOSITORY}/blob/main/docs/no-such-page.md)`,
      'and [npm](https://www.npmjs.com/package/x).',
    ].join('\n');
    const problems = readmeLinkProblems(readme, 'packages/core', ROOT);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^\.\.\/\.\.\/docs\/protocol\.md: a relative link that leaves the package/);
    expect(problems[1]).toMatch(/no-such-page\.md: no docs\/no-such-page\.md in the repository/);
  });

  it.each(PUBLISHED)('packages/%s has the fields, and its README links work from npm', (folder) => {
    const dir = join(ROOT, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifestProblems(manifest, `packages/${folder}`)).toEqual([]);
    expect(readmeLinkProblems(readFileSync(join(dir, 'README.md'), 'utf8'), `packages/${folder}`, ROOT)).toEqual([]);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Docs that name code must name code that exists. The rule this test checks:
 *
 * Where: docs/**\/*.md, README.md, packages/*\/README.md and examples/*\/README.md. Not docs/decisions/: a decision
 * record is history and names the files of its day. Not fenced code blocks: they are samples of an app's code
 * (`src/main.js`), not references to this repository.
 *
 * What is a reference: a relative link target, or an inline code span that is nothing but a path — `/`-separated
 * segments of letters, digits, `.`, `_`, `-`, ending in a source or doc file (.ts .tsx .mts .cts .js .mjs .cjs .json
 * .md) or in `/` (a folder). A span with a space, a glob, a `<placeholder>`, a `@scope/package` specifier, an
 * absolute path, a leading dot (`.coinslot/data`, runtime data) or a `dist`, `dist-<name>` or `node_modules` segment
 * (build output: an example's `dist-server/` exists only once it was built) is
 * not a reference to repository code; nor is a code span that is a link's text (the link is checked). An app's file
 * named as an example in prose is listed in NOT_REPOSITORY_CODE, with why.
 *
 * Where it must exist, first rule that applies:
 * 1. a link: relative to the Markdown file;
 * 2. a full path, starting with a top-level folder (`packages/core/src/wait/held-wait.ts`, `scripts/size.mjs`): from
 *    the root; in a package's or example's README, its own `test/…`, `src/…`, `scripts/…` also count;
 * 3. a package-qualified path, starting with a workspace's folder name (`core/src/client/…`,
 *    `channel-sandbox/src/pay-in-popup.ts`): in that workspace;
 * 4. a short path (`purchase/start-purchase.ts`, `store/sqlite/`) with a package context in the same table cell (or
 *    the same line outside tables): under that package's `src/`. The context is the latest, before the span, of a
 *    full or package-qualified path into a package (`packages/core/src/…`), or a package named right before the
 *    span (core `…`, server's `…`, protocol: `…`);
 * 5. a short path without a context: in a package's or example's README, in that package; elsewhere, next to the
 *    Markdown file or under `src/` (or the root) of some workspace — a weaker check, since the doc does not say which;
 * 6. a bare file name right after a package's name (protocol `bill-states.ts`): in that package's `src/`; any other
 *    bare file name (`pay-headless.ts`): some file of the repository has that name — the weakest check, since bare
 *    names are written in running prose whose context this test cannot read reliably ("the sandbox in `x.ts`").
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOP_LEVEL = ['packages', 'examples', 'docs', 'test', 'scripts', 'bench', 'faults', 'bundlers'];
const EXTENSIONS = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md)$/;
const PATH = /^[\w.-]+(\/[\w.-]+)*\/?$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage']);

const subdirs = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`);

/** Every workspace folder (`packages/core`, `examples/web-shop`), by its last segment (`core`, `web-shop`). */
const WORKSPACES = new Map([...subdirs('packages'), ...subdirs('examples')].map((dir) => [dir.split('/')[1]!, dir]));
const PACKAGE_WORD = new RegExp(`(?:^|[\\s(;,])(${[...WORKSPACES.keys()].join('|')})(?:'s)?:?\\s*$`);

/** Paths the docs name that are an app's files, not this repository's, each with why. */
const NOT_REPOSITORY_CODE: Record<string, string[]> = {
  // "Write channelsModuleSource(...) to a file such as `src/coinslot-channels.generated.js`": the app's file.
  'packages/bundler-plugin/README.md': ['src/coinslot-channels.generated.js'],
};

function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return path === 'docs/decisions' ? [] : walk(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  const readmes = [...WORKSPACES.values()]
    .map((dir) => `${dir}/README.md`)
    .filter((file) => existsSync(join(ROOT, file)));
  return ['README.md', ...walk('docs'), ...readmes];
}

let names: Set<string> | undefined;
/** The name of every file in the repository (sources, tests, scripts, docs), for bare-name references. */
function fileNames(): Set<string> {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : walk(join(dir, entry.name));
      return [entry.name];
    });
  names ??= new Set(walk(ROOT));
  return names;
}

/** A path ending in `/` names a folder; a link may name either. */
const exists = (path: string): boolean => {
  const full = join(ROOT, path);
  return existsSync(full) && (!path.endsWith('/') || statSync(full).isDirectory());
};

/** Is this code span's text a path to repository code (see the rule above)? */
function isPathReference(text: string): boolean {
  if (!PATH.test(text) || text.startsWith('.') || text.startsWith('/')) return false;
  if (text.split('/').some((segment) => /^dist(-[\w-]+)?$/.test(segment) || segment === 'node_modules')) return false;
  return EXTENSIONS.test(text) || text.endsWith('/');
}

interface Reference {
  file: string;
  line: number;
  text: string;
  /** Repository-relative candidates; the reference holds when one of them exists. */
  candidates: string[];
  /** The rule that resolved it, to make a failure readable. */
  rule: string;
}

/** The workspace a full or package-qualified path points into, if any (`packages/core/src/x.ts` → `packages/core`). */
function workspaceOf(path: string): string | undefined {
  const [first, second] = path.split('/');
  if ((first === 'packages' || first === 'examples') && second && WORKSPACES.has(second)) return `${first}/${second}`;
  if (first && WORKSPACES.has(first) && path.includes('/')) return WORKSPACES.get(first);
  return undefined;
}

/** The references on one line of a Markdown file, each with where it may exist. */
function referencesOn(file: string, line: number, text: string): Reference[] {
  const home = dirname(file);
  const readmeWorkspace = /^(packages|examples)\/[^/]+$/.test(home) ? home : undefined;
  const table = text.trimStart().startsWith('|');
  const found: Reference[] = [];
  let context: string | undefined;
  let last = 0;
  const push = (ref: string, candidates: string[], rule: string) =>
    found.push({ file, line, text: ref, candidates, rule });

  for (const match of text.matchAll(/`([^`]+)`|\]\(([^)\s]+)\)|\|/g)) {
    const before = text.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '|') {
      if (table) context = undefined;
      continue;
    }
    const link = match[2];
    if (link !== undefined) {
      const target = link.split('#')[0]!;
      if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) continue;
      push(link, [relative(ROOT, resolve(ROOT, home, target)) + (target.endsWith('/') ? '/' : '')], 'link');
      continue;
    }
    const span = match[1]!;
    // A code span that is a link's text (`[`test/a.ts`](../examples/x/test/a.ts)`) is checked through its link.
    if (text.startsWith('](', last)) continue;
    const word = PACKAGE_WORD.exec(before)?.[1];
    if (word) context = WORKSPACES.get(word);
    if (!isPathReference(span) || NOT_REPOSITORY_CODE[file]?.includes(span)) continue;

    const first = span.split('/')[0]!;
    const owner = workspaceOf(span);
    if (!span.includes('/')) {
      if (word) push(span, [`${context}/src/${span}`], `file name right after a package's name: ${context}`);
      else push(span, [], 'a file of that name somewhere in the repository');
    } else if (TOP_LEVEL.includes(first)) {
      push(span, readmeWorkspace ? [`${readmeWorkspace}/${span}`, span] : [span], 'full path');
      if (owner) context = owner;
    } else if (owner && WORKSPACES.has(first)) {
      const candidates = [`${owner}/${span.slice(first.length + 1)}`];
      if (readmeWorkspace) candidates.unshift(`${readmeWorkspace}/${span}`);
      push(span, candidates, 'package-qualified path');
      context = owner;
    } else if (context) {
      push(span, [`${context}/src/${span}`], `short path in ${context}`);
    } else if (readmeWorkspace) {
      push(span, [`${readmeWorkspace}/${span}`, `${readmeWorkspace}/src/${span}`], `short path in ${readmeWorkspace}`);
    } else {
      const everywhere = [...WORKSPACES.values()].flatMap((dir) => [`${dir}/src/${span}`, `${dir}/${span}`]);
      push(span, [join(home, span), ...everywhere], 'short path without a package context: looked in every workspace');
    }
  }
  return found;
}

/** Every reference in a Markdown file, fenced code blocks left out. */
function referencesIn(file: string, source: string): Reference[] {
  let fenced = false;
  return source.split('\n').flatMap((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : referencesOn(file, index + 1, text);
  });
}

const holds = (ref: Reference): boolean =>
  ref.candidates.length === 0 ? fileNames().has(ref.text) : ref.candidates.some(exists);

describe('docs name code that exists', () => {
  const all = docFiles().flatMap((file) => referencesIn(file, readFileSync(join(ROOT, file), 'utf8')));

  it('finds the references (the scan itself works)', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all.some((ref) => ref.file === 'docs/architecture.md' && ref.rule === 'short path in packages/core')).toBe(
      true,
    );
  });

  it('every file and folder the docs name exists', () => {
    const missing = all
      .filter((ref) => !holds(ref))
      .map((ref) => {
        const where = ref.candidates.length > 0 ? ` (${ref.rule}: ${ref.candidates.slice(0, 2).join(', ')})` : '';
        return `${ref.file}:${ref.line}: ${ref.text}${ref.candidates.length === 0 ? ` (${ref.rule})` : where}`;
      });
    expect(missing, `docs name files that do not exist:\n${missing.join('\n')}`).toEqual([]);
  });
});

describe('the reference rule', () => {
  const refs = (line: string, file = 'docs/x.md') =>
    referencesOn(file, 1, line).map(({ text, candidates }) => [text, candidates[0]]);

  it('resolves a short path against the full path before it in the same cell, not across cells', () => {
    expect(refs('| `packages/core/src/a/b.ts`, `c/d.ts` |')).toEqual([
      ['packages/core/src/a/b.ts', 'packages/core/src/a/b.ts'],
      ['c/d.ts', 'packages/core/src/c/d.ts'],
    ]);
    expect(referencesOn('docs/x.md', 1, '| `packages/core/src/a/b.ts` | `e/f.ts` |')[1]!.rule).toMatch(
      /without a package context/,
    );
  });

  it('resolves a short path against a package named right before it, until another one is named', () => {
    expect(refs('core `a/b.ts`, `c/d.ts`; server `e/f.ts`')).toEqual([
      ['a/b.ts', 'packages/core/src/a/b.ts'],
      ['c/d.ts', 'packages/core/src/c/d.ts'],
      ['e/f.ts', 'packages/server/src/e/f.ts'],
    ]);
    expect(refs('protocol `a.ts`; the sandbox in `b.ts`')).toEqual([
      ['a.ts', 'packages/protocol/src/a.ts'],
      ['b.ts', undefined],
    ]);
  });

  it('resolves package-qualified paths, links and README-relative paths', () => {
    expect(refs('`channel-sandbox/src/a.ts`')).toEqual([
      ['channel-sandbox/src/a.ts', 'packages/channel-sandbox/src/a.ts'],
    ]);
    expect(refs('[x](../examples/web-shop/src/main.ts)')).toEqual([
      ['../examples/web-shop/src/main.ts', 'examples/web-shop/src/main.ts'],
    ]);
    expect(refs('`scripts/build.mjs`', 'examples/web-shop/README.md')).toEqual([
      ['scripts/build.mjs', 'examples/web-shop/scripts/build.mjs'],
    ]);
  });

  it('leaves out what is not repository code and fenced code blocks', () => {
    for (const text of [
      '@coinslot/core',
      '/usr/bin/chromium',
      'dist/main/main.cjs',
      'POST /v1/bills',
      'a <b>/c.ts',
      '.coinslot/data',
    ]) {
      expect(isPathReference(text), text).toBe(false);
    }
    expect(referencesIn('docs/x.md', '```js\nimport x from `./src/main.js`;\n```\n')).toEqual([]);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKEND_ERROR_CODES } from '@coinslot/backend';
import { PLUGIN_ERROR_CODES } from '@coinslot/bundler-plugin';
import { CLIENT_ERROR_CODES, SERVER_ERROR_CODES } from '@coinslot/core';
import { describe, expect, it } from 'vitest';

// One page per error code in docs/errors: a new code without its page, or a page without its sections, fails here.
const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/errors');
const OWN_CODES: readonly string[] = [...CLIENT_ERROR_CODES, ...SERVER_ERROR_CODES, ...PLUGIN_ERROR_CODES];
// The game backend's helpers reuse core's NETWORK_ERROR (same meaning, one page); their other codes are their own.
const CODES: readonly string[] = [...new Set([...OWN_CODES, ...BACKEND_ERROR_CODES])];
const SECTIONS = ['## What it is', '## Common causes', '## How to resolve', '## Related'];

const read = (file: string): string => readFileSync(join(DIR, file), 'utf8');
const lines = (text: string): string[] => text.split('\n').map((line) => line.trimEnd());

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

function anchorsOf(file: string): Set<string> {
  const headings = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line));
  return new Set(headings.map((line) => slug(line.replace(/^#+ /, ''))));
}

describe('docs/errors: one page per error code', () => {
  it('client, server and bundler-plugin codes never share a name (each has one page)', () => {
    expect(new Set(OWN_CODES).size).toBe(OWN_CODES.length);
  });

  it.each(CODES)('%s has a page titled with its code and the sections in order', (code) => {
    const file = `${code}.md`;
    expect(existsSync(join(DIR, file)), `docs/errors/${file} is missing`).toBe(true);
    const text = lines(read(file));
    expect(text[0]).toBe(`# ${code}`);
    const positions = SECTIONS.map((section) => text.indexOf(section));
    for (const [i, section] of SECTIONS.entries())
      expect(positions[i], `${file} lacks "${section}"`).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('has no page for a code that does not exist', () => {
    const pages = readdirSync(DIR).filter((file) => file.endsWith('.md') && file !== 'README.md');
    expect(pages.map((file) => file.slice(0, -3)).filter((code) => !CODES.includes(code))).toEqual([]);
  });

  it('lists every code in the README index, linked to its page', () => {
    const index = read('README.md');
    const missing = CODES.filter((code) => !index.includes(`| [${code}](./${code}.md) |`));
    expect(missing).toEqual([]);
  });

  it('links every server code from the PAY_SERVER_ERROR page', () => {
    const page = read('PAY_SERVER_ERROR.md');
    expect(SERVER_ERROR_CODES.filter((code) => !page.includes(`[${code}](./${code}.md)`))).toEqual([]);
  });

  it('has no broken relative link or anchor', () => {
    const broken: string[] = [];
    for (const file of readdirSync(DIR).filter((name) => name.endsWith('.md'))) {
      for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const resolved = path === '' ? join(DIR, file) : resolve(DIR, path!);
        if (!existsSync(resolved)) broken.push(`${file}: ${target}`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

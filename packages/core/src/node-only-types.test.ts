import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// A Node-only TypeScript project — `lib: ["ES2022"]`, `types: ["node"]`, no DOM, no skipLibCheck — that imports the
// BUILT package (dist/*.d.ts, as npm would install it), in ESM and CommonJS. Core's declarations (and protocol's,
// which they pull in) must compile there: no `Window`, `Storage`, `IDBFactory`, `JsonWebKey` or `CryptoKey`.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'coinslot-node-only-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const link = (name: string, target: string) => {
  mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
  symlinkSync(target, join(project, 'node_modules', name), 'dir');
};
link('@coinslot/core', join(ROOT, 'packages/core'));
link('@coinslot/protocol', join(ROOT, 'packages/protocol'));
link('@types/node', join(ROOT, 'node_modules/@types/node'));
const GAME = `
import { createCoinslot, createMemoryStorage, CoinslotError, type PayContext } from '@coinslot/core';
import { createFileStorage } from '@coinslot/core/node';
import { anySignal, popupCheckout } from '@coinslot/core/channel-kit';
export const coinslot = createCoinslot({ server: 'http://127.0.0.1:8787', channels: {}, storage: createFileStorage('/tmp/j') });
export const memory = createMemoryStorage();
export const isError = (e: unknown): boolean => CoinslotError.isInstance(e);
export const signal = anySignal([new AbortController().signal]);
export type Window = PayContext['window'];
export const kit = popupCheckout;
`;
writeFileSync(join(project, 'game.mts'), GAME);
writeFileSync(
  join(project, 'game.cts'),
  GAME.replace(/^import /gm, 'import ').replace('export type Window', 'export type Win'),
);

function diagnostics(file: string): string[] {
  const program = ts.createProgram([join(project, file)], {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [join(project, 'node_modules/@types')],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.replace(ROOT, '') ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe("core's built declarations in a Node-only TypeScript project (no DOM lib, no skipLibCheck)", () => {
  it('compile from an ES module', () => {
    expect(diagnostics('game.mts')).toEqual([]);
  });

  it('compile from a CommonJS module', () => {
    expect(diagnostics('game.cts')).toEqual([]);
  });
});

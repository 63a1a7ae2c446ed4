import { createCoinslot } from '@coinslot/core';
import { createPayServer } from '@coinslot/server/web';

// The tracker's own frames (its wrappers and `current` itself); they are never the call site.
const WRAPPER = /coinslotTracked|CallSites\.current|^current@/;
// Code that is never the adapter's: Node and browser internals, msw, vitest, core's HTTP client, the double.
const INFRASTRUCTURE = [
  /node:internal|\(node:|^at node:|<anonymous>\)?$/,
  /[\\/]node_modules[\\/](?:msw|@mswjs|ky|vitest|@vitest|vite-node|vite|tinypool|tinyspy|eventemitter3)[\\/]/,
  /[\\/]node_modules[\\/]\.vite[\\/]deps[\\/](?:msw|vitest|@vitest|@coinslot_core|@coinslot_server)/,
  /coinslotDouble/,
];

/** The file path or URL of one stack frame line, without its line and column. */
function fileOf(frame: string): string | undefined {
  return /((?:file|https?):\/\/[^\s)]+?|\/[^\s)]+?|[A-Za-z]:\\[^\s)]+?):\d+:\d+\)?$/.exec(frame)?.[1];
}

/** The package a file belongs to: everything before its `/dist/` or `/src/` folder (else the file itself). */
function packageRoot(file: string): string {
  const match = /^(.*?[\\/])(?:dist|src)[\\/]/.exec(file);
  return match?.[1] ?? file;
}

/** The first frame of an error's stack. */
function firstFile(error: unknown): string | undefined {
  const lines = String((error as Error | undefined)?.stack ?? '').split('\n');
  return lines.map((line) => fileOf(line.trim())).find((file) => file !== undefined);
}

/**
 * Where a timer or listener was created, and whether that was the adapter or the machinery around it.
 * Core's and the server's own files are found by making each throw once: wherever the packages live
 * (node_modules, a workspace, source maps), their frames then point into the same package roots.
 */
export class CallSites {
  private constructor(private readonly roots: readonly string[]) {}

  static async locate(): Promise<CallSites> {
    const errors: unknown[] = [];
    try {
      createCoinslot(undefined as never);
    } catch (error) {
      errors.push(error);
    }
    errors.push(
      await createPayServer({ auth: { development: true }, holdSeconds: -1 }).catch((error: unknown) => error),
    );
    const files = errors.map(firstFile).filter((file): file is string => file !== undefined);
    return new CallSites(files.map(packageRoot));
  }

  /** The caller's frame: the first line of the current stack outside the tracker's wrappers. */
  current(): string {
    const lines = (new Error().stack ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    return lines.find((line) => !WRAPPER.test(line) && !line.startsWith('at new Promise')) ?? 'an unknown call site';
  }

  /** Whether a frame belongs to Node, the browser, msw, vitest, core, the pay server or the double. */
  isInfrastructure(frame: string): boolean {
    if (INFRASTRUCTURE.some((pattern) => pattern.test(frame))) return true;
    const file = fileOf(frame);
    return file !== undefined && this.roots.some((root) => file.startsWith(root));
  }
}

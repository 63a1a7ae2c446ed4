import type { ResultPublicKey } from '@coinslot/protocol';
import { createBillFactory, type BillFactory } from './bill-factory.js';
import { check, show } from './check-failure.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import type { ResolvedPayServerOptions } from './pay-server-options.js';
import { createSandboxChannel, type SandboxChannel } from './sandbox-channel.js';

/** What every check gets. */
export interface CheckContext {
  options: ResolvedPayServerOptions;
  http: HttpClient;
  sandbox: SandboxChannel;
  bills: BillFactory;
  /** `GET /v1/keys`, read now (asserting a `keys` array). */
  keys(): Promise<ResultPublicKey[]>;
  /** Something the check could not provoke or cover; it appears in the report, the check still passes. */
  note(text: string): void;
  /** Values one check leaves for later ones (the durability checks share one restart). */
  shared: Map<string, Promise<unknown>>;
}

/** One check of the pay-server suite. */
export interface PayServerCheck {
  /** Stable kebab-case id. */
  id: string;
  /** What it proves, in one line (the vitest test name). */
  title: string;
  /** The section of docs/protocol.md it checks. */
  section: string;
  /** Why it cannot run with these options (it is then skipped), or `undefined`. */
  unavailable?(options: ResolvedPayServerOptions): string | undefined;
  /** Resolves when the server conforms; throws a `CheckFailure` when it does not. */
  run(ctx: CheckContext): Promise<void>;
}

/** A fresh context for one check; `notes` collects what it noted. */
export function createCheckContext(options: ResolvedPayServerOptions, shared: Map<string, Promise<unknown>>): { ctx: CheckContext; notes: string[] } {
  const http = createHttpClient(options.url, options.origin, options.timeoutMs);
  const sandbox = createSandboxChannel(http, options.sandboxSecret);
  const notes: string[] = [];
  const ctx: CheckContext = {
    options,
    http,
    sandbox,
    bills: createBillFactory(http, sandbox),
    async keys() {
      const answer = await http.call('/v1/keys');
      check(answer.status === 200 && Array.isArray(answer.body?.keys), `GET /v1/keys must answer 200 { keys: [...] }, got ${answer.status} ${show(answer.body)}`);
      return answer.body.keys as ResultPublicKey[];
    },
    note: (text) => void notes.push(text),
    shared,
  };
  return { ctx, notes };
}

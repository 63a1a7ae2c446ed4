import type { ResultPublicKey } from '@coinslot/protocol';
import { createBillFactory, newUserId, type BillFactory } from './bill-factory.js';
import { check, show } from './check-failure.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import type { ResolvedPayServerOptions } from './pay-server-options.js';
import { createSandboxChannel, type SandboxChannel } from './sandbox-channel.js';
import { createSuiteCredentials, type BillTokenBook, type SuiteCredentials } from './suite-credentials.js';

/** What every check gets. */
export interface CheckContext {
  options: ResolvedPayServerOptions;
  http: HttpClient;
  sandbox: SandboxChannel;
  /** The bills of the check's own player (`bills.userId`). */
  bills: BillFactory;
  /** A factory for another player's bills; its requests carry that player's credentials. */
  billsOf(userId?: string): BillFactory;
  /** The credentials of the run's auth mode and the one each request sends by default. */
  credentials: SuiteCredentials;
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

/** A fresh context for one check, acting as a new player; `notes` collects what it noted. */
export function createCheckContext(
  options: ResolvedPayServerOptions,
  shared: Map<string, Promise<unknown>>,
  book: BillTokenBook,
): { ctx: CheckContext; notes: string[] } {
  const userId = newUserId();
  const credentials = createSuiteCredentials(options.auth, userId, book);
  const http = createHttpClient(options.url, options.origin, options.timeoutMs, credentials);
  const sandbox = createSandboxChannel(http, options.sandboxSecret);
  const notes: string[] = [];
  const ctx: CheckContext = {
    options,
    http,
    sandbox,
    bills: createBillFactory(http, sandbox, userId),
    billsOf: (other = newUserId()) => createBillFactory(http, sandbox, other),
    credentials,
    async keys() {
      const answer = await http.call('/v1/keys');
      check(
        answer.status === 200 && Array.isArray(answer.body?.keys),
        `GET /v1/keys must answer 200 { keys: [...] }, got ${answer.status} ${show(answer.body)}`,
      );
      return answer.body.keys as ResultPublicKey[];
    },
    note: (text) => void notes.push(text),
    shared,
  };
  return { ctx, notes };
}

import { http } from 'msw';
import { createPayServer } from '@coinslot/server/web';
import { MirroredBillStore } from './mirrored-bill-store.js';
import { OutcomeRunner, type Notify } from './outcome-runner.js';
import type { PayServerDouble, PayServerDoubleOptions } from './pay-server-double.js';
import { isCallTo, recordCall, type RecordedCall } from './recorded-call.js';
import { DOUBLE_TOKEN_HEADER, createScriptedDriver } from './scripted-driver.js';
import { OutcomeScript, toOutcomeSpec } from './scripted-outcome.js';

const WAIT_PATH = /^\/v1\/bills\/([^/]+)\/result$/;

function baseUrl(given: string): string {
  const url = new URL(given);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`url must be an absolute http(s) URL, got ${given}`);
  return url.origin;
}

function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Create a pay-server double: the real reference server behind msw handlers, whose channels' servers follow
 * a script. Register `double.handlers` with your msw server or worker, point core at `double.url`.
 *
 * @example
 * ```ts
 * const double = await createPayServerDouble();
 * const server = setupServer(...double.handlers);
 * server.listen();
 * double.script('declined', { itemId: 'gem-pack' });
 * ```
 */
export async function createPayServerDouble(options: PayServerDoubleOptions = {}): Promise<PayServerDouble> {
  const url = baseUrl(options.url ?? 'https://pay.test');
  const slowMs = options.slowMs ?? 1000;
  const fallback = toOutcomeSpec(options.outcome ?? 'paid', slowMs);
  const script = new OutcomeScript(fallback, slowMs);
  const store = new MirroredBillStore();
  const token = randomToken();
  const calls: RecordedCall[] = [];
  const channels = new Set(options.channels ?? ['mock', 'sandbox']);

  const notify: Notify = async (bill, result, reason) => {
    const body = JSON.stringify({ billId: bill.id, result, amount: bill.amount, currency: bill.currency, reason });
    const headers = { 'content-type': 'application/json', [DOUBLE_TOKEN_HEADER]: token };
    const response = await handle(
      new Request(`${url}/v1/notify/${bill.channel}`, { method: 'POST', headers, body }),
      'channel',
    );
    if (!response.ok) {
      const code = ((await response.json().catch(() => undefined)) as { error?: { code?: string } } | undefined)?.error
        ?.code;
      throw new Error(
        `The pay server refused the ${result} notification for bill ${bill.id}: ${response.status} ${code ?? ''}`.trim(),
      );
    }
  };
  const runner = new OutcomeRunner(script, notify);
  const acceptProof = options.acceptProof ?? (() => true);
  const payServer = await createPayServer({
    auth: { development: true },
    store,
    drivers: [...channels].map((id) =>
      createScriptedDriver({ id, token, runner, acceptProof, ...(options.launch ? { launch: options.launch } : {}) }),
    ),
    publicUrl: url,
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.holdSeconds === undefined ? {} : { holdSeconds: options.holdSeconds }),
    ...(options.billTtlMs === undefined ? {} : { billTtlMs: options.billTtlMs }),
    ...(options.now ? { now: options.now } : {}),
  });

  async function handle(request: Request, from: RecordedCall['from']): Promise<Response> {
    const call = await recordCall(request, from);
    calls.push(call);
    const waitingFor = request.method === 'GET' ? WAIT_PATH.exec(call.path)?.[1] : undefined;
    const bill = waitingFor === undefined ? undefined : store.bills.get(waitingFor);
    // The first wait means the checkout launched: the channel's server now plays its script.
    if (bill && channels.has(bill.channel)) await runner.launch(bill);
    const response = await payServer.handle(request);
    call.status = response.status;
    return response;
  }

  return {
    url,
    handlers: [http.all(`${url}/v1/*`, ({ request }) => handle(request, 'client'))],
    publicKeys: payServer.publicKeys(),
    calls,
    bills: store.bills,
    script: (outcome, match) => script.add(outcome, match),
    async settle(billId, result, reason = 'declined') {
      const bill = store.bills.get(billId);
      if (!bill) throw new Error(`The pay-server double has no bill ${billId}`);
      await notify(bill, result, reason);
    },
    callsTo: (method, path) => calls.filter((call) => isCallTo(call, method, path)),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      return request.url.startsWith(`${url}/`) ? handle(request, 'client') : globalThis.fetch(request);
    },
    reset() {
      calls.length = 0;
      script.reset(fallback);
    },
    async close() {
      runner.close();
      await payServer.close();
    },
  };
}

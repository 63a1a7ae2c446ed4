// @ts-check
import { createServer } from 'node:http';
import { loadBackend } from '../lib/build-snapshot.mjs';
import { sleep } from '../lib/random.mjs';
import { BackendLedger } from './backend-ledger.mjs';

/**
 * How the game backend answers one verified webhook (the faults a row injects):
 * - `ok`: process it (grant, deliver), answer 204;
 * - `refuse-503`: answer 503 without processing it (overloaded);
 * - `fail-500-after`: process it, then answer 500 (the handler failed after its commit);
 * - `slow`: process it, then answer 204 only after `slowMs` (beyond the pay server's attempt timeout);
 * - `reset-after`: process it, then cut the connection without an answer;
 * - `stall`: hold the request without processing it, never answering;
 * - `stall-after`: process it, then hold the request, never answering.
 * @typedef {'ok' | 'refuse-503' | 'fail-500-after' | 'slow' | 'reset-after' | 'stall' | 'stall-after'} Behaviour
 */

/**
 * @typedef {object} Arrival one webhook that verified
 * @property {import('./backend-ledger.mjs').ReceivedEvent} event
 * @property {number} attempt how many times this event id has arrived, this time included
 */

/**
 * @typedef {object} GameBackend
 * @property {string} url the webhook endpoint
 * @property {BackendLedger} ledger
 * @property {(arrival: Arrival) => Behaviour} behave decides each answer (default: `ok`)
 * @property {number} slowMs how long a `slow` answer takes
 * @property {() => number} open requests received and not answered yet
 * @property {number} received webhooks that verified, however they were answered
 * @property {number} refused webhooks that did not verify (answered 400)
 * @property {string[]} deliverFailures the codes of deliver calls that failed (answered 503, so the pay server retries)
 * @property {() => Promise<void>} down stop listening and cut every connection: the pay server's attempts are refused
 * @property {() => Promise<void>} up listen again on the same port
 * @property {() => Promise<void>} close
 */

/**
 * The game backend of a studio that grants on its own server: a real HTTP endpoint on loopback that verifies each
 * webhook with `createEventReceiver` (the pay server's `whpk_…` key, on the backend's clock), grants once per bill
 * on `bill.paid` (its {@link BackendLedger}), marks the bill delivered server to server
 * (`createPayServerClient().deliverBill`, with its server key), and applies refunds and chargebacks. A failed
 * deliver answers 503, so the pay server sends the event again and the deliver is retried (the grant is not).
 * @param {{ publicKey: string, payServerUrl: () => string, serverKey: string, dedup: boolean, now?: () => number }} options
 * @returns {Promise<GameBackend>}
 */
export async function startGameBackend({ publicKey, payServerUrl, serverKey, dedup, now = Date.now }) {
  const { createEventReceiver, createPayServerClient, BackendError } = await loadBackend();
  const receiver = createEventReceiver({ publicKey, now });
  const ledger = new BackendLedger({ dedup, now });
  /** @type {Map<string, number>} */
  const arrivals = new Map();
  let open = 0;

  /** Deliver server to server; a bill already reversed needs no deliver. Answers whether it is settled. @param {string} billId */
  const deliver = async (billId) => {
    const pay = createPayServerClient({ url: payServerUrl(), serverKey });
    try {
      await pay.deliverBill(billId);
      return true;
    } catch (error) {
      if (BackendError.isInstance(error) && (error.state === 'refunded' || error.state === 'charged_back')) return true;
      backend.deliverFailures.push(BackendError.isInstance(error) ? error.code : String(error));
      return false;
    }
  };

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {Buffer} body */
  const handle = async (req, res, body) => {
    let event;
    try {
      event = await receiver.verifyRaw({ headers: req.headers, body });
    } catch {
      backend.refused += 1;
      return void res.writeHead(400).end();
    }
    backend.received += 1;
    // A reconciliation report is not the fulfilment rows' business: acknowledged, as a game backend that reads none.
    if (!('bill' in event.data)) return void res.writeHead(204).end();
    const billEvent = /** @type {import('./backend-ledger.mjs').ReceivedEvent} */ (event);
    const attempt = (arrivals.get(event.id) ?? 0) + 1;
    arrivals.set(event.id, attempt);
    const behaviour = backend.behave({ event: billEvent, attempt });
    if (behaviour === 'refuse-503') return void res.writeHead(503).end();
    if (behaviour === 'stall') return;
    ledger.apply(billEvent);
    const settled = billEvent.type === 'bill.paid' ? await deliver(billEvent.data.bill.id) : true;
    if (behaviour === 'stall-after') return;
    if (behaviour === 'reset-after') return void req.socket.destroy();
    if (behaviour === 'slow') await sleep(backend.slowMs);
    if (behaviour === 'fail-500-after') return void res.writeHead(500).end();
    res.writeHead(settled ? 204 : 503).end();
  };

  const server = createServer((req, res) => {
    open += 1;
    res.once('close', () => (open -= 1));
    const chunks = /** @type {Buffer[]} */ ([]);
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });
  const listen = async (/** @type {number} */ port) => {
    for (let attempt = 0; ; attempt += 1) {
      const failed = await new Promise((resolve) => {
        server.once('error', resolve);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', resolve);
          resolve(undefined);
        });
      });
      if (!failed) return;
      if (attempt >= 50) throw failed;
      await sleep(100);
    }
  };
  await listen(0);
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const stop = () =>
    new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });

  /** @type {GameBackend} */
  const backend = {
    url: `http://127.0.0.1:${port}/coinslot/events`,
    ledger,
    behave: () => 'ok',
    slowMs: 0,
    open: () => open,
    received: 0,
    refused: 0,
    deliverFailures: [],
    down: async () => {
      if (server.listening) await stop();
    },
    up: async () => {
      if (!server.listening) await listen(port);
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
  return backend;
}

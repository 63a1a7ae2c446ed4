import { SQL } from '../sql/bill-store-sql.js';
import { TRANSITION_SQL } from '../sql/transition-sql.js';
import type { MatchedMove } from '../bill-store.js';
import type { PgNamedQuery } from './postgres-driver.js';
import { LOCK_CLASS, PG_SQL } from './postgres-sql.js';

/**
 * The store's hot writes and its hot read, each ONE statement, run as named (prepared) statements: pg parses and
 * plans each once per connection, then only binds and runs it. A statement outside `BEGIN … COMMIT` is a
 * transaction of its own, so each of these commits (and waits for its WAL flush) before it answers, like the
 * `BEGIN`, statements, `COMMIT` they replace — in one round trip instead of four or five, which is most of what a
 * paid notification cost the pay server and PostgreSQL (docs/decisions/0015-postgres-one-statement-writes.md).
 */

/** `sql`'s `?` placeholders numbered from `$first`. */
function numberedFrom(sql: string, first: number): string {
  let n = first - 1;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

/** `INSERT INTO t (cols) VALUES (?, …)` of the shared SQL, as its column list and its values, numbered from `$first`. */
function insertParts(insert: string, first: number): { columns: string; values: string } {
  const match = /^INSERT INTO \w+ \(([^)]+)\) VALUES \((.+)\)$/.exec(insert);
  if (!match) throw new Error(`not a one-row INSERT: ${insert}`);
  return { columns: match[1]!, values: numberedFrom(match[2]!, first) };
}

const event = insertParts(SQL.insertEvent, 8);

/**
 * (the five values of `transitionValues`, lock class, schema name, then the eight of `eventRowValues`) → `{ applied }`
 * when the compare-and-set applied, no row otherwise.
 *
 * The event log's `seq` must never be seen out of order (postgres-bill-store.ts): the shared advisory lock is taken
 * before the event's `seq` is drawn and held to the commit. Here the order is the data's: `shared` runs only on the
 * row `moved` answers, and the insert draws its `seq` for a row of `moved × shared`, which exists only once the lock
 * is held; an advisory `xact` lock lasts until the statement's own transaction ends. A CTE with a volatile function
 * is never inlined nor run twice, and a data-modifying CTE always runs to its end.
 */
const transitionWithEvent =
  `WITH moved AS (${TRANSITION_SQL.postgres}), ` +
  'shared AS (SELECT pg_advisory_xact_lock_shared($6, hashtext($7)) FROM moved), ' +
  `inserted AS (INSERT INTO events (${event.columns}) SELECT ${event.values} FROM moved, shared RETURNING seq) ` +
  'SELECT 1 AS applied FROM moved';

/**
 * (id, next state, changes as JSON, app id, expected state, not expired at, matches as JSON, lock class, schema name,
 * event id, event type, updated at (the event's time), body head, body tail, dispatch) → `{ before, after }` when
 * applied, no row otherwise: `BillStore.moveIfMatches` in one statement.
 *
 * `before` locks the row first and reads its latest committed version, so the bill answered as replaced is the one
 * the update replaced (a concurrent writer's commit is waited for; READ COMMITTED then re-checks the update's
 * conditions on that version — PostgreSQL's documented behaviour; the tests run 50 payments at once, they do not
 * force that interleaving). The values the bill must hold are one JSON containment (`@>`); the changes are merged
 * into the stored JSON (`||`), so the stored text is PostgreSQL's rendering of it (key order and spacing differ from
 * `JSON.stringify`; every reader parses it). The event's body puts that stored text between its head and tail, and
 * takes the shared lock of {@link transitionWithEvent} the same way.
 */
const moveIfMatches =
  'WITH before AS (SELECT bill FROM bills WHERE id = $1 FOR UPDATE), ' +
  'moved AS (UPDATE bills SET state = $2, bill = (bills.bill::jsonb || $3::jsonb)::text FROM before ' +
  'WHERE bills.id = $1 AND bills.app_id = $4 AND bills.state = $5 AND bills.expires_at >= $6 ' +
  'AND bills.bill::jsonb @> $7::jsonb RETURNING before.bill AS before, bills.bill AS after), ' +
  'shared AS (SELECT pg_advisory_xact_lock_shared($8, hashtext($9)) FROM moved), ' +
  `inserted AS (INSERT INTO events (${event.columns}) ` +
  'SELECT $10, $4, $11, $1, $12, $13 || moved.after || $14, $15, 0, $12, 0 FROM moved, shared RETURNING seq) ' +
  'SELECT before, after FROM moved';

/** The named statements, by what they do; each name is the store's alone, and always names the same text. */
export const PG_WRITES = {
  /** `TRANSITION_SQL.postgres` with its event, see above. */
  transitionWithEvent: (values: unknown[], schema: string, eventValues: unknown[]): PgNamedQuery => ({
    name: 'coinslot_transition_with_event',
    text: transitionWithEvent,
    values: [...values, LOCK_CLASS.eventLog, schema, ...eventValues],
  }),
  /** `TRANSITION_SQL.postgres` alone (a change that records no event). */
  transition: (values: unknown[]): PgNamedQuery => ({
    name: 'coinslot_transition',
    text: TRANSITION_SQL.postgres,
    values,
  }),
  /** `SQL.insertBill` and `SQL.completeKey` (the idempotency record that created it) together: both, or neither. */
  insertBillCompletingKey: (bill: unknown[], key: unknown[]): PgNamedQuery => ({
    name: 'coinslot_insert_bill_completing_key',
    text: `WITH inserted AS (${PG_SQL.insertBill} RETURNING id) ${numberedFrom(SQL.completeKey, bill.length + 1)}`,
    values: [...bill, ...key],
  }),
  /** {@link moveIfMatches}, see above. */
  moveIfMatches: (move: MatchedMove, schema: string): PgNamedQuery => ({
    name: 'coinslot_move_if_matches',
    text: moveIfMatches,
    values: [
      move.id,
      move.changes.state,
      JSON.stringify(move.changes),
      move.appId,
      move.state,
      move.notExpiredAt,
      JSON.stringify(move.matches),
      LOCK_CLASS.eventLog,
      schema,
      move.event.id,
      move.event.type,
      move.changes.updatedAt,
      move.event.head,
      move.event.tail,
      move.event.dispatch,
    ],
  }),
  /** `SQL.getBill`: every held wait and every notification reads its bill first. */
  getBill: (id: string): PgNamedQuery => ({ name: 'coinslot_get_bill', text: PG_SQL.getBill, values: [id] }),
} as const;

import { CREATE_EVENTS_TABLE, CREATE_INDEXES, CREATE_TABLES, SCHEMA_VERSION } from '../sql/bill-store-sql.js';
import { activityTables } from '../sql/activity-tables.js';
import { RECONCILIATION_TABLES } from '../sql/reconciliation-sql.js';
import { upgradeStatements } from '../sql/schema-upgrade.js';
import type { PgPool } from './postgres-driver.js';
import { LOCK_CLASS, PG_ONLY_SQL, PG_SQL } from './postgres-sql.js';
import { inTransaction } from './postgres-transaction.js';
import { ensureReportSchema } from './postgres-reports.js';

/**
 * Creates what is missing (the schema itself when `schema` is named, then the tables and indexes) and checks the
 * schema version, on every open, in one transaction holding an advisory lock on the schema's name: two instances
 * starting together on an empty database take turns instead of racing on `CREATE … IF NOT EXISTS` (which is not
 * safe against a concurrent create). An older schema is upgraded in the same transaction (schema-upgrade.ts). Answers the schema the tables are in.
 */
export async function ensureSchema(pool: PgPool, schema: string | undefined, where: string): Promise<string> {
  return inTransaction(pool, async (client) => {
    const target = schema ?? (await client.query<{ schema: string | null }>(PG_ONLY_SQL.currentSchema)).rows[0]?.schema;
    if (!target) {
      throw new Error(
        `${where} has no schema to create the bill store in (its search_path names none that exists): pass \`schema\``,
      );
    }
    await client.query(PG_ONLY_SQL.lockForMigration, [LOCK_CLASS.migrations, target]);
    // The name passed SCHEMA_NAME (a plain identifier), so it is safe to write into the statement.
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(CREATE_EVENTS_TABLE.postgres);
    for (const statement of CREATE_TABLES) await client.query(statement);
    const found = (await client.query<{ version: number }>(PG_SQL.readSchemaVersion)).rows[0]?.version;
    if (found !== undefined && found > SCHEMA_VERSION) {
      throw new Error(
        `${where} (schema ${target}) holds bill store schema ${found}; this @coinslot/server knows up to ${SCHEMA_VERSION}: upgrade it`,
      );
    }
    for (const statement of upgradeStatements(found)) await client.query(statement);
    if (found === undefined) await client.query(PG_SQL.recordSchemaVersion, [SCHEMA_VERSION]);
    else if (found < SCHEMA_VERSION) await client.query(PG_SQL.updateSchemaVersion, [SCHEMA_VERSION]);
    for (const statement of CREATE_INDEXES) await client.query(statement);
    await ensureReportSchema(client, target);
    for (const statement of RECONCILIATION_TABLES) await client.query(statement);
    for (const statement of activityTables('postgres')) await client.query(statement);
    return target;
  });
}

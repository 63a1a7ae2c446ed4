// pg and better-sqlite3 ship no types and the repo installs no @types for them: @coinslot/server types the part it
// uses in its store drivers, and the seeding scripts here use those same types.
declare module 'pg' {
  const pg: {
    Pool: new (config: {
      connectionString: string;
      max?: number;
    }) => import('../../packages/server/src/store/postgres/postgres-driver.js').PgPool;
  };
  export default pg;
}

declare module 'better-sqlite3' {
  const Database: import('../../packages/server/src/store/sqlite/sqlite-driver.js').SqliteConstructor;
  export default Database;
}

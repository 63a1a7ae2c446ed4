// The little of better-sqlite3 (an optional dependency of @coinslot/server, without bundled types) the
// attack suite uses to read the pay server's store.
declare module 'better-sqlite3' {
  interface Statement {
    all(...params: unknown[]): Record<string, unknown>[];
  }
  class Database {
    constructor(filename: string, options?: { readonly?: boolean; fileMustExist?: boolean });
    prepare(sql: string): Statement;
    close(): void;
  }
  export default Database;
}

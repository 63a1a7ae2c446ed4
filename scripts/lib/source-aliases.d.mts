// Types of source-aliases.mjs, for vitest.config.ts and the tests that import it.
export interface SourceAlias {
  /** The import specifier, e.g. `@coinslot/core/node`. */
  specifier: string;
  /** The absolute path of the source file its build starts from. */
  source: string;
}
export declare function sourceAliases(root?: string): Promise<SourceAlias[]>;

// Types of package-metadata.mjs, for the TypeScript test that imports it.
/** The repository every package is published from. */
export declare const REPOSITORY: string;
/** What is missing or wrong in a published package's package.json: `repository` (with `directory`), `homepage`, `bugs`. */
export declare function manifestProblems(manifest: Record<string, unknown>, folder: string): string[];
/** README links that would be broken on npm (relative, leaving the package) or that name a missing repository file. */
export declare function readmeLinkProblems(readme: string, folder: string, root: string): string[];

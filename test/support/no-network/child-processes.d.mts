// Types of child-processes.mjs, for the TypeScript files that import it.
export declare const IMPORT_GUARD_FLAG: string;
export declare function guardChildProcesses(env?: NodeJS.ProcessEnv): string;

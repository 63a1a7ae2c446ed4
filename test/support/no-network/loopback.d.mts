// Types of loopback.mjs, for the TypeScript tests that import it.
export declare function isLoopbackAddress(address: string): boolean;
export declare function isLoopbackHost(host: string | null | undefined): boolean;

// Types of chromium.mjs, for the TypeScript tests that import it.
export declare const CHROMIUM_PATH: string;
export declare const LOOPBACK_ONLY: string;
export declare const CHROMIUM_ARGS: string[];
export declare function launchChromium(): Promise<import('playwright-core').Browser>;

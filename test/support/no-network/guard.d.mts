// Types of guard.mjs, for the TypeScript files that import it.
export declare const NO_NETWORK_CODE: 'ECOINSLOT_NO_NETWORK';
export declare function installNoNetworkGuard(): void;

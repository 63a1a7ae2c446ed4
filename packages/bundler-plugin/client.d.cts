// The same declarations for a CommonJS program (TypeScript reads a .d.ts in this "type": "module" package as ESM).
/// <reference path="./client.d.ts" />
export {};

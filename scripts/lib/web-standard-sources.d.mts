export function sourceModules(dir: string): string[];
export function foreignImports(dir: string, allowed?: readonly string[]): string[];
export function nodeGlobalUsers(dir: string): string[];

// Types of workspaces.mjs, for the TypeScript tests that import it.
export interface Workspace {
  name: string;
  dir: string;
  pkg: Record<string, unknown>;
  needs: string[];
  devNeeds: string[];
}
export declare const ROOT: string;
export declare function listWorkspaces(root?: string): Workspace[];
export declare function buildOrder(workspaces: Workspace[], targets?: string[]): Array<Workspace & { after: string[] }>;

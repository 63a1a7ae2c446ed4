// The part of Electron's API this example's glue uses (src/main/main.ts, src/preload/preload.ts), declared here so
// the repository's typecheck covers that glue on machines where the `electron` package cannot be installed.
// With Electron installed, `npm run typecheck` in this folder checks the glue against Electron's own types
// instead: the folder's tsconfig.json leaves this file out.
declare module 'electron' {
  interface PreventableEvent {
    preventDefault(): void;
  }
  interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    nodeIntegration?: boolean;
    sandbox?: boolean;
  }
  interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    title?: string;
    parent?: BrowserWindow;
    autoHideMenuBar?: boolean;
    webPreferences?: WebPreferences;
  }
  interface HandlerDetails {
    url: string;
    frameName: string;
    features: string;
  }
  type WindowOpenHandlerResponse =
    | { action: 'deny' }
    | { action: 'allow'; overrideBrowserWindowOptions?: BrowserWindowConstructorOptions };
  interface WebContents {
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    on(event: 'did-create-window', listener: (window: BrowserWindow) => void): this;
    on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): this;
  }
  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadURL(url: string): Promise<void>;
  }
  interface IpcMainInvokeEvent {
    senderFrame: { url: string } | null;
  }
  const ipcMain: {
    // biome-ignore lint/suspicious/noExplicitAny: Electron's own signature (each handler types its arguments)
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<unknown> | unknown): void;
  };
  const ipcRenderer: {
    // biome-ignore lint/suspicious/noExplicitAny: Electron's own signature (each caller types its answer)
    invoke(channel: string, ...args: unknown[]): Promise<any>;
  };
  const contextBridge: {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  };
  const protocol: {
    registerSchemesAsPrivileged(
      schemes: Array<{
        scheme: string;
        privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean };
      }>,
    ): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  const session: {
    defaultSession: {
      setPermissionRequestHandler(
        handler: ((webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null,
      ): void;
    };
  };
  const app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    exit(exitCode?: number): void;
    whenReady(): Promise<void>;
    on(event: 'window-all-closed', listener: () => void): unknown;
    getPath(name: 'userData'): string;
    getAppPath(): string;
  };
}

/**
 * The parts of a browser window a checkout uses: a structural type, so these declarations compile without the DOM
 * library (a Node-only TypeScript project imports core too). A DOM `Window` is one.
 */
export interface CheckoutWindow {
  /** Whether the window was closed (by the player, the page itself, or core). */
  readonly closed: boolean;
  close(): void;
  focus?(): void;
  readonly location: { replace(url: string): void };
}

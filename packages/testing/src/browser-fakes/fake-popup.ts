import type { CheckoutWindow } from '@coinslot/core';

/**
 * A popup window the fake browser opened: where it is, and whether it was closed. It is a {@link CheckoutWindow}, so
 * it goes wherever core or a channel-kit helper (`popupCheckout`) expects the window it opened.
 */
export class FakePopup implements CheckoutWindow {
  /** Whether the popup was closed (by the adapter, core, or the test playing the player). */
  closed = false;
  /** Its location: `replace` and `assign` navigate it, as in a browser. */
  readonly location: { readonly href: string; replace(url: string): void; assign(url: string): void };

  constructor(
    /** The page it shows. */
    public url: string,
    /** The name it was opened with (`window.open(url, name)`); `''` when none. */
    readonly name: string,
  ) {
    const navigate = (to: string) => void (this.url = to);
    const self = this;
    this.location = {
      get href() {
        return self.url;
      },
      replace: navigate,
      assign: navigate,
    };
  }

  /** Closes the popup, as the player or the page would. */
  close(): void {
    this.closed = true;
  }

  /** Does nothing: a fake popup has no focus to take. */
  focus(): void {}
}

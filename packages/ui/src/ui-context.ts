import type { Bill } from '@coinslot/core';
import type { CheckoutUiOptions } from './checkout-options.js';
import type { CheckoutMessages } from './messages.js';
import type { NoticeBar } from './notice-bar.js';
import type { StatusDialog } from './status-dialog.js';

/** What the parts of one mounted UI share. */
export interface UiContext {
  readonly options: CheckoutUiOptions;
  readonly doc: Document;
  readonly win: Window;
  /** The language the words are in (`en`, `zh-CN`, …). */
  readonly lang: string;
  readonly messages: CheckoutMessages;
  readonly dialog: StatusDialog;
  readonly bar: NoticeBar;
  /** The channel's name in the UI's language. */
  channelName(id: string): string;
  /** How the confirmation names what a bill bought. */
  itemName(bill: Bill): string;
}

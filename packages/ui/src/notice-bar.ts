import { button, h } from './dom.js';

/** The bar under the picker: the recovery notice, a hidden purchase in progress, a late confirmation. */
export interface NoticeBar {
  readonly element: HTMLElement;
  /** Show `text` (spoken politely), in a tone, with an optional button. */
  show(kind: string, tone: 'wait' | 'good', text: string, action?: { label: string; run: () => void }): void;
  hide(): void;
  /** What it shows now (`recovering`, `in-progress`, `recovered`), or `undefined` when hidden. */
  readonly kind: string | undefined;
}

/**
 * The bar is a `role="status"` live region that stays in the document, so a screen reader hears each new text
 * without the focus moving: the player is not interrupted while they play.
 */
export function createNoticeBar(doc: Document): NoticeBar {
  const text = h(doc, 'span', 'cs-bar-text');
  const slot = h(doc, 'span', 'cs-bar-action');
  const element = h(
    doc,
    'div',
    'cs-bar',
    { role: 'status', 'aria-live': 'polite' },
    h(doc, 'span', 'cs-dot', { 'aria-hidden': 'true' }),
    text,
    slot,
  );
  element.hidden = true;
  return {
    element,
    get kind() {
      return element.hidden ? undefined : element.dataset.kind;
    },
    show(kind, tone, message, action) {
      element.dataset.kind = kind;
      element.dataset.tone = tone;
      text.textContent = message;
      slot.replaceChildren(...(action ? [button(doc, '', action.label, action.run)] : []));
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
      delete element.dataset.kind;
    },
  };
}

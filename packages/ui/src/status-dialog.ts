import { button, h, uniqueId } from './dom.js';

/** The tone of a view: its badge's colour and sign. */
export type Tone = 'wait' | 'good' | 'bad' | 'info';

/** One state of the dialog: a heading, a sentence, an optional note, and its buttons (the first is the primary one). */
export interface DialogView {
  /** For tests and styling: `opening`, `waiting`, `confirming`, `result`, `error`, `recovering`. */
  kind: string;
  tone: Tone;
  title: string;
  text?: string;
  note?: string;
  actions: { label: string; run: () => void; name?: string }[];
}

/** The modal dialog that shows where the purchase stands. */
export interface StatusDialog {
  readonly element: HTMLDialogElement;
  /** Show `view` (opening the dialog when closed); the focus goes to its first button when it was not inside. */
  show(view: DialogView): void;
  /** Close it; the focus goes back to where it was before it opened. */
  close(): void;
  readonly open: boolean;
}

const SIGN: Record<Tone, string> = { wait: '', good: '✓', bad: '!', info: 'i' };

/**
 * Build the dialog. Escape and the × button call `onDismiss` (the purchase goes on; the UI decides what closing
 * means). Its heading names it and its sentence describes it; the heading and sentence are a polite live region,
 * so each change of state is read out while it stays open.
 */
export function createStatusDialog(doc: Document, hideLabel: string, onDismiss: () => void): StatusDialog {
  const titleId = uniqueId('title');
  const textId = uniqueId('text');
  const badge = h(doc, 'div', 'cs-badge', { 'aria-hidden': 'true' });
  const title = h(doc, 'h2', 'cs-title', { id: titleId });
  const text = h(doc, 'p', 'cs-text', { id: textId });
  const note = h(doc, 'p', 'cs-note', { role: 'note' });
  const live = h(doc, 'div', 'cs-live', { 'aria-live': 'polite', 'aria-atomic': 'true' }, title, text, note);
  const actions = h(doc, 'div', 'cs-actions');
  const hide = button(doc, 'cs-hide', '×', onDismiss);
  hide.setAttribute('aria-label', hideLabel);
  const element = h(doc, 'dialog', 'cs-dialog', { 'aria-labelledby': titleId, 'aria-describedby': textId });
  element.append(hide, badge, live, actions);
  element.addEventListener('cancel', (event) => {
    event.preventDefault(); // Escape: the UI decides (a purchase in progress only hides)
    onDismiss();
  });
  let focusBefore: HTMLElement | null = null;

  return {
    element,
    get open() {
      return element.open;
    },
    show(view) {
      // A new state (or a dialog just opened, whose own focusing picked ×) puts the focus on its primary button.
      const moveFocus = !element.open || element.dataset.view !== view.kind;
      element.dataset.view = view.kind;
      badge.dataset.tone = view.tone;
      badge.textContent = SIGN[view.tone];
      title.textContent = view.title;
      text.textContent = view.text ?? '';
      text.hidden = view.text === undefined;
      note.textContent = view.note ?? '';
      note.hidden = view.note === undefined;
      actions.replaceChildren(
        ...view.actions.map(({ label, run, name }, index) => {
          const node = button(doc, index === 0 ? 'cs-primary' : '', label, run);
          if (name) node.dataset.action = name;
          return node;
        }),
      );
      if (!element.open) {
        focusBefore = deepActiveElement(doc);
        element.showModal();
      }
      const first = actions.querySelector('button') ?? hide;
      if (moveFocus || !element.contains(deepActiveElement(doc))) first.focus();
    },
    close() {
      if (!element.open) return;
      element.close();
      if (focusBefore?.isConnected) focusBefore.focus();
      focusBefore = null;
    },
  };
}

/** The focused element, looking into shadow roots (the page's Buy button, or a button of this UI). */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

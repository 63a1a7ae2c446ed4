import { type ChannelDisplay, displayOf } from './channel-display.js';
import { channelIcon } from './channel-icon.js';
import { h, uniqueId } from './dom.js';

/** The channel picker: a `<fieldset>` of radio buttons (arrow keys move between them, as for any radio group). */
export interface PickerView {
  readonly element: HTMLFieldSetElement;
  /** The checked channel's id. */
  selected(): string | undefined;
  /** List `ids` (the ready channels), keeping the checked one when it is still listed, else checking the first. */
  show(ids: readonly string[]): void;
  /** Disable the choice (while a purchase is open). */
  setDisabled(disabled: boolean): void;
}

/** Build the picker; `onChange` hears each choice the player makes. */
export function createPickerView(
  doc: Document,
  context: { lang: string; legend: string; channels?: Readonly<Record<string, ChannelDisplay>> },
  onChange: (id: string) => void,
): PickerView {
  const group = uniqueId('channel');
  const options = h(doc, 'div', 'cs-options');
  const element = h(doc, 'fieldset', 'cs-picker', {}, h(doc, 'legend', 'cs-legend', { text: context.legend }), options);
  element.hidden = true;
  let current: string | undefined;

  const choice = (id: string) => {
    const display = displayOf(id, context.lang, context.channels);
    const input = h(doc, 'input', '', { type: 'radio', name: group, value: id, id: uniqueId('option') });
    input.checked = id === current;
    input.addEventListener('change', () => {
      current = id;
      onChange(id);
    });
    const names = h(doc, 'span', 'cs-names', {}, h(doc, 'span', 'cs-name', { text: display.name }));
    if (display.hint) names.append(h(doc, 'span', 'cs-hint', { text: display.hint }));
    const label = h(doc, 'label', 'cs-option', { for: input.id }, channelIcon(doc, display.icon!), names);
    return h(doc, 'div', 'cs-choice', { 'data-channel': id }, input, label);
  };

  return {
    element,
    selected: () => current,
    show(ids) {
      if (current === undefined || !ids.includes(current)) current = ids[0];
      options.replaceChildren(...ids.map(choice));
      element.hidden = ids.length === 0;
      if (current !== undefined) onChange(current);
    },
    setDisabled(disabled) {
      element.disabled = disabled;
    },
  };
}

import type { ShopChannel } from './shop-channels.js';

/** The "Pay with" choice: one radio button per ready channel, in `#channels` (a `<fieldset>` with a `<legend>`). */
export interface ChannelPicker {
  /** The channel the player picked (the first listed until they pick another). */
  selected(): ShopChannel | undefined;
  /** List `channels`, the first one checked, and show the picker. */
  show(channels: readonly ShopChannel[]): void;
  /** Disable the choice while a purchase runs. */
  setBusy(busy: boolean): void;
}

/** Render the picker into `#channels`; `onChange` hears each choice (to show the prices in its currency). */
export function renderChannelPicker(onChange: (channel: ShopChannel) => void): ChannelPicker {
  const fieldset = document.querySelector<HTMLFieldSetElement>('#channels');
  if (!fieldset) throw new Error('The shop page has no #channels');
  let listed: readonly ShopChannel[] = [];
  let current: ShopChannel | undefined;

  return {
    selected: () => current,
    show(channels) {
      listed = channels;
      current = channels[0];
      for (const option of fieldset.querySelectorAll('label')) option.remove();
      for (const channel of channels) {
        const label = document.createElement('label');
        label.className = 'channel';
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = 'channel';
        input.value = channel.id;
        input.checked = channel === current;
        input.addEventListener('change', () => {
          current = listed.find((candidate) => candidate.id === input.value);
          if (current) onChange(current);
        });
        const name = document.createElement('span');
        name.className = 'channel-name';
        name.textContent = channel.name;
        const how = document.createElement('span');
        how.className = 'channel-how';
        how.textContent = `${channel.how} · ${channel.currency}`;
        label.append(input, name, how);
        fieldset.append(label);
      }
      fieldset.hidden = channels.length === 0;
      if (current) onChange(current);
    },
    setBusy(busy) {
      fieldset.disabled = busy;
    },
  };
}

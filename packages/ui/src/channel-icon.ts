import type { ChannelDisplay } from './channel-display.js';
import { h } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A channel's icon, decorative (the name beside it says the same): the game's image, or a round-cornered badge in
 * the channel's colour with its letter, drawn as SVG with presentation attributes (no style attribute: CSP).
 */
export function channelIcon(doc: Document, icon: NonNullable<ChannelDisplay['icon']>): Element {
  if (typeof icon === 'string') return h(doc, 'img', 'cs-icon', { src: icon, alt: '', 'aria-hidden': 'true' });
  const svg = doc.createElementNS(SVG_NS, 'svg');
  const attributes = { class: 'cs-icon', viewBox: '0 0 32 32', 'aria-hidden': 'true', focusable: 'false' };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const back = doc.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries({ width: '32', height: '32', rx: '8', fill: icon.color }))
    back.setAttribute(name, value);
  const letter = doc.createElementNS(SVG_NS, 'text');
  const textAttributes = {
    x: '16',
    y: '17',
    'text-anchor': 'middle',
    'dominant-baseline': 'central',
    'font-size': '17',
    'font-weight': '700',
    'font-family': 'system-ui, sans-serif',
    fill: '#fff',
  };
  for (const [name, value] of Object.entries(textAttributes)) letter.setAttribute(name, value);
  letter.textContent = icon.letter;
  svg.append(back, letter);
  return svg;
}

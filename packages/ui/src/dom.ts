/** Attributes to set; `undefined` leaves one out. `text` sets the text content. */
type Attributes = Record<string, string | undefined> & { text?: string };

/**
 * An element of `doc` with a class under the UI's `cs-` prefix, attributes and children — built with DOM calls,
 * never parsed from markup (no HTML sink: safe with any text, and with Trusted Types required).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** A button (`type="button"`) that calls `onClick`. */
export function button(doc: Document, className: string, text: string, onClick: () => void): HTMLButtonElement {
  const node = h(doc, 'button', className, { type: 'button', text });
  node.addEventListener('click', onClick);
  return node;
}

let ids = 0;

/** An id no other element of the UI has, in any document. */
export const uniqueId = (name: string): string => `cs-${name}-${((ids += 1)).toString(36)}`;

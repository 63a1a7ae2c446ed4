/** Creates an element: `h('td', { class: 'num' }, 'text', child)`. Text goes in as text, never as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Minor units as a money figure: 123456 USD → "1,234.56 USD" (zero-decimal currencies as they are). */
export function money(minor, currency) {
  const digits = ['JPY', 'KRW', 'VND', 'CLP', 'ISK'].includes(currency) ? 0 : 2;
  const value = (minor / 10 ** digits).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${value} ${currency}`;
}

/** A 0–1 rate as a percentage with one decimal. */
export function percent(rate) {
  return `${(rate * 100).toFixed(1)}%`;
}

/** A time (ms since epoch) in `tz`. */
export function time(ms, tz) {
  return new Date(ms).toLocaleString('sv-SE', { timeZone: tz, hour12: false });
}

/** A table of `rows` under `columns` ([{ key, label, format? }]). */
export function table(columns, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', {}, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: String(columns.length), class: 'empty' }, 'Nothing in this range'))
        : rows.map((row) =>
            h(
              'tr',
              {},
              columns.map((c) => h('td', { 'data-col': c.key }, c.format ? c.format(row) : row[c.key])),
            ),
          ),
    ),
  );
}

/** A link that stays on `href`'s page and runs `action` when clicked (opens a detail panel). */
export function action(text, href, run) {
  const a = h('a', { href }, text);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    void run();
  });
  return a;
}

/**
 * The view's stylesheet. Every colour and size is a CSS custom property with a default, so a game themes the view
 * from its own stylesheet (`:root { --coinslot-qr-accent: #07c160 }`); the QR code itself stays black on white.
 */
export const QR_CHECKOUT_CSS = `
.coinslot-qr{box-sizing:border-box;max-width:calc(100vw - 32px);padding:24px;border:0;border-radius:var(--coinslot-qr-radius,12px);background:var(--coinslot-qr-background,#fff);color:var(--coinslot-qr-color,#1f2328);font:var(--coinslot-qr-font,16px/1.4 system-ui,sans-serif);text-align:center;box-shadow:0 8px 32px rgb(0 0 0/.3)}
.coinslot-qr::backdrop{background:var(--coinslot-qr-backdrop,rgb(0 0 0/.5))}
.coinslot-qr__title{margin:0 0 16px;font-size:1.125em;font-weight:600}
.coinslot-qr__code{display:block;width:var(--coinslot-qr-size,240px);max-width:100%;height:auto;margin:0 auto}
.coinslot-qr__amount{margin:16px 0 4px;font-size:1.5em;font-weight:700;font-variant-numeric:tabular-nums}
.coinslot-qr__countdown{margin:0 0 20px;font-variant-numeric:tabular-nums}
.coinslot-qr__close{padding:8px 24px;border:0;border-radius:8px;background:var(--coinslot-qr-accent,#1f2328);color:var(--coinslot-qr-accent-color,#fff);font:inherit;cursor:pointer}
.coinslot-qr__close:focus-visible{outline:3px solid var(--coinslot-qr-focus,#0969da);outline-offset:2px}
.coinslot-qr__spoken{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

type SheetHost = Document & { adoptedStyleSheets: CSSStyleSheet[] };

const users = new WeakMap<Document, { count: number; remove: () => void }>();

/**
 * Adds the stylesheet to `doc` (once, however many views are open) and returns the function that takes it away
 * when the last view closes. A constructed stylesheet, which CSP's `style-src` does not restrict, made by the
 * document's own window (a sheet can only be adopted where it was made); else a `<style>` element with `nonce`.
 */
export function useQrStyles(doc: Document, nonce?: string): () => void {
  const existing = users.get(doc);
  if (existing) existing.count += 1;
  else users.set(doc, { count: 1, remove: addStyles(doc, nonce) });
  return () => {
    const entry = users.get(doc);
    if (!entry || --entry.count > 0) return;
    users.delete(doc);
    entry.remove();
  };
}

function addStyles(doc: Document, nonce?: string): () => void {
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (Sheet && 'replaceSync' in Sheet.prototype && 'adoptedStyleSheets' in doc) {
    const host = doc as SheetHost;
    const sheet = new Sheet();
    sheet.replaceSync(QR_CHECKOUT_CSS);
    host.adoptedStyleSheets = [...host.adoptedStyleSheets, sheet];
    return () => {
      host.adoptedStyleSheets = host.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    };
  }
  const style = doc.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = QR_CHECKOUT_CSS;
  doc.head.append(style);
  return () => style.remove();
}

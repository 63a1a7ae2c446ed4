/**
 * The UI's stylesheet, adopted by its shadow root only: nothing reaches the page, and the page's styles reach the
 * UI only through these custom properties (they inherit into the shadow root). Set them on `:root` or the mount
 * element. The list, with defaults, is in the README and docs/ui.md.
 */
export const CHECKOUT_UI_CSS = `
:host{--_bg:var(--coinslot-ui-background,#fff);--_fg:var(--coinslot-ui-color,#1f2328);--_muted:var(--coinslot-ui-muted,#59636e);--_line:var(--coinslot-ui-border,#d1d9e0);--_accent:var(--coinslot-ui-accent,#5b3df5);--_on-accent:var(--coinslot-ui-accent-color,#fff);--_ok:var(--coinslot-ui-success,#1a7f37);--_bad:var(--coinslot-ui-danger,#cf222e);--_focus:var(--coinslot-ui-focus,#0969da);--_r:var(--coinslot-ui-radius,14px);display:block;font:var(--coinslot-ui-font,15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif);color:var(--_fg)}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button{font:inherit;cursor:pointer;border-radius:calc(var(--_r) * .6);padding:.6em 1.1em;border:1px solid var(--_line);background:var(--_bg);color:var(--_fg);font-weight:600}
button:focus-visible,input:focus-visible+.cs-option{outline:3px solid var(--_focus);outline-offset:2px}
.cs-primary{background:var(--_accent);border-color:var(--_accent);color:var(--_on-accent)}
.cs-picker{border:0;margin:0;padding:0;min-width:0}
.cs-legend{padding:0;margin:0 0 .5em;font-weight:600;color:var(--_muted);font-size:.85em;text-transform:uppercase;letter-spacing:.06em}
.cs-options{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.6em}
.cs-choice{position:relative;display:block}
.cs-choice input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer;z-index:1}
.cs-option{display:flex;align-items:center;gap:.75em;padding:.7em .9em;border:1.5px solid var(--_line);border-radius:var(--_r);background:var(--_bg);cursor:pointer;transition:border-color .15s,box-shadow .15s}
.cs-choice input:checked+.cs-option{border-color:var(--_accent);box-shadow:0 0 0 3px color-mix(in srgb,var(--_accent) 18%,transparent)}
.cs-choice input:disabled+.cs-option{opacity:.55;cursor:not-allowed}
.cs-icon{flex:none;width:2.2em;height:2.2em;border-radius:calc(var(--_r) * .55);display:grid;place-items:center;color:#fff;font-weight:700;font-size:1em;object-fit:contain}
.cs-names{display:flex;flex-direction:column;min-width:0}
.cs-name{font-weight:600}
.cs-hint{color:var(--_muted);font-size:.82em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.cs-dialog{width:min(420px,calc(100vw - 32px));padding:28px 26px 22px;border:0;border-radius:calc(var(--_r) * 1.3);background:var(--_bg);color:var(--_fg);text-align:center;box-shadow:0 24px 64px rgb(0 0 0/.28)}
.cs-dialog::backdrop{background:var(--coinslot-ui-backdrop,rgb(15 18 28/.55));backdrop-filter:blur(2px)}
.cs-hide{position:absolute;top:10px;right:10px;width:2.2em;height:2.2em;padding:0;border:0;background:transparent;color:var(--_muted);font-size:1.1em}
.cs-badge{width:56px;height:56px;margin:0 auto 14px;border-radius:50%;display:grid;place-items:center;font-size:26px;font-weight:700;color:#fff;background:var(--_accent)}
.cs-badge[data-tone=good]{background:var(--_ok)}
.cs-badge[data-tone=bad]{background:var(--_bad)}
.cs-badge[data-tone=wait]{background:transparent;border:4px solid color-mix(in srgb,var(--_accent) 22%,transparent);border-top-color:var(--_accent);animation:cs-spin 1s linear infinite}
@keyframes cs-spin{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.cs-badge[data-tone=wait]{animation-duration:4s}}
.cs-title{margin:0 0 .4em;font-size:1.25em;line-height:1.3}
.cs-text{margin:0 0 1.2em;color:var(--_muted)}
.cs-note{margin:-.6em 0 1.1em;padding:.55em .8em;border-radius:calc(var(--_r) * .6);background:color-mix(in srgb,var(--_accent) 10%,var(--_bg));font-size:.9em}
.cs-actions{display:flex;flex-wrap:wrap;gap:.6em;justify-content:center}
.cs-bar{display:flex;align-items:center;gap:.75em;margin:.75em 0 0;padding:.7em 1em;border-radius:var(--_r);background:color-mix(in srgb,var(--_accent) 9%,var(--_bg));border:1px solid color-mix(in srgb,var(--_accent) 30%,transparent)}
.cs-bar[data-tone=good]{background:color-mix(in srgb,var(--_ok) 10%,var(--_bg));border-color:color-mix(in srgb,var(--_ok) 35%,transparent)}
.cs-bar-text{flex:1}
.cs-bar .cs-dot{width:.6em;height:.6em;border-radius:50%;background:var(--_accent);animation:cs-pulse 1.2s ease-in-out infinite}
.cs-bar[data-tone=good] .cs-dot{background:var(--_ok);animation:none}
@keyframes cs-pulse{50%{opacity:.3}}
.cs-bar button{padding:.35em .9em}
`;

type SheetRoot = ShadowRoot & { adoptedStyleSheets: CSSStyleSheet[] };

/**
 * Give `root` the stylesheet: a constructed one (CSP's `style-src` does not restrict it), made by the root's own
 * window, else a `<style>` element carrying `nonce`. Returns the function that takes it away.
 */
export function adoptStyles(root: ShadowRoot, nonce?: string): () => void {
  const doc = root.ownerDocument;
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (Sheet && 'replaceSync' in Sheet.prototype && 'adoptedStyleSheets' in root) {
    const host = root as SheetRoot;
    const sheet = new Sheet();
    sheet.replaceSync(CHECKOUT_UI_CSS);
    host.adoptedStyleSheets = [...host.adoptedStyleSheets, sheet];
    return () => {
      host.adoptedStyleSheets = host.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    };
  }
  const style = doc.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = CHECKOUT_UI_CSS;
  root.prepend(style);
  return () => style.remove();
}

import { encode } from 'uqr';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Error correction M (15 %), as payment codes use; a quiet zone of 4 modules, as the QR standard asks. */
export const QR_ENCODING = { ecc: 'M', border: 4 } as const;
/** The size of one module in the SVG's user units (uqr's `renderSVG` default, so the drawing is the same). */
export const MODULE_UNITS = 10;

/**
 * The QR code of `text` as an SVG element: uqr's encoding drawn as uqr's `renderSVG` draws it (a white square and
 * one black path of one square per dark module), built with DOM calls rather than parsed from markup, so it needs
 * no HTML sink (Trusted Types) and no style attribute (CSP): the colours are presentation attributes. Always black
 * on white, whatever the page's theme, for the scanners.
 */
export function createQrSvg(doc: Document, text: string, label: string): SVGSVGElement {
  const { size, data } = encode(text, QR_ENCODING);
  const side = size * MODULE_UNITS;
  const squares: string[] = [];
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark)
        squares.push(`M${x * MODULE_UNITS},${y * MODULE_UNITS}h${MODULE_UNITS}v${MODULE_UNITS}h-${MODULE_UNITS}z`);
    });
  });
  const svg = doc.createElementNS(SVG_NS, 'svg');
  const attributes = {
    viewBox: `0 0 ${side} ${side}`,
    role: 'img',
    'aria-label': label,
    'shape-rendering': 'crispEdges',
  };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('fill', 'white');
  background.setAttribute('width', String(side));
  background.setAttribute('height', String(side));
  const modules = doc.createElementNS(SVG_NS, 'path');
  modules.setAttribute('fill', 'black');
  modules.setAttribute('d', squares.join(''));
  svg.append(background, modules);
  return svg;
}

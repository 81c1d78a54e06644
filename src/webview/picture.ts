/**
 * Draws a shape picture (src/shared/shapePicture.ts) as SVG elements. Text goes in with
 * textContent, attributes with setAttribute (no style attributes: the colours are panel.css's).
 */
import type { SvgNode } from '../shared/shapePicture';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function drawSvg(node: SvgNode): SVGElement {
  const el = document.createElementNS(SVG_NS, node.tag);
  for (const [k, v] of Object.entries(node.attrs)) if (k !== 'xmlns') el.setAttribute(k, v);
  if (node.text !== undefined) el.textContent = node.text;
  for (const child of node.children ?? []) el.appendChild(drawSvg(child));
  return el;
}

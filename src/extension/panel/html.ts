/**
 * HTML escaping for what the host writes into the panel's page (renderer.ts, prerender.ts,
 * panelMath.ts). Pure.
 */
import type { SvgNode } from '../../shared/shapePicture';

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A shape picture's SVG elements (src/shared/shapePicture.ts) as markup, every value escaped. */
export function svgMarkup(node: SvgNode): string {
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  const inner = node.text !== undefined ? escapeHtml(node.text) : (node.children ?? []).map(svgMarkup).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}

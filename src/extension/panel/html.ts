/**
 * HTML escaping for what the host writes into the panel's page (renderer.ts, prerender.ts,
 * panelMath.ts). Pure.
 */

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Stands in for KaTeX inside @vscode/markdown-it-katex in the extension's services bundle
 * (esbuild.js): the extension uses that plugin to parse Markdown only (markdownMath.ts), never to
 * render, so the plugin's `require('katex')` gets this instead of a second copy of KaTeX.
 */
function notUsed(): never {
  throw new Error('KaTeX rendering is not part of the Markdown math scanner');
}

export default { renderToString: notUsed, render: notUsed };
export const renderToString = notUsed;

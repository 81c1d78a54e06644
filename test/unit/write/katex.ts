/** KaTeX as the webview runs it: every LaTeX the writers make must render with throwOnError. */
import * as assert from 'node:assert/strict';
import katex from 'katex';

/** Renders with throwOnError and strict errors: a parse error or an unknown command fails. */
export function assertRenders(tex: string): void {
  assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), `KaTeX rejects: ${tex}`);
}

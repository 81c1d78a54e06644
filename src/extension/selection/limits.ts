/**
 * Bounds on the work the extension does for one request. Pure: no `vscode` import.
 * Issue 8: a 1 MB selection, a 10 MB file or a 100,000-character line must never stall the editor.
 */

/** The longest selection or argument (in characters) the commands accept; longer is refused with a message. */
export const MAX_EXPRESSION_CHARS = 10_000;

/** The hover looks at no line longer than this (a minified line, a data blob). */
export const MAX_HOVER_LINE_CHARS = 10_000;

/** The longest math span or statement a hover renders; longer spans get no hover. */
export const MAX_HOVER_EXPRESSION_CHARS = 2_000;

/** How far (in lines) the search for the expression under the cursor looks up and down. */
export const MAX_CONTEXT_LINES = 40;

/** How many lines before the expression are scanned for shape declarations. */
export const MAX_DECLARATION_LINES = 5_000;

/** Markdown documents up to this many lines are parsed whole to find the math under the cursor. */
export const MAX_MARKDOWN_LINES = 20_000;

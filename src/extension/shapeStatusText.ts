/**
 * The status bar item's words for the shape of the expression under the cursor: the item's text, the
 * tooltip's parts, and the label a screen reader reads (VS Code otherwise reads the icon's name and
 * the tooltip's Markdown source, entities and all). Pure: no `vscode` import; the caller passes
 * `vscode.l10n.t` to translate the label.
 */
export interface ShapeStatusText {
  /** After the icon: `f: n×1`. */
  readonly text: string;
  /** The expression, cut at 200 characters. */
  readonly expression: string;
  /** `f: n×1 · A: n×n, x: n×1`. */
  readonly details: string;
  readonly ariaLabel: string;
}

export type Translate = (message: string, ...args: string[]) => string;

/** `{0}`, `{1}` replaced by the arguments (what vscode.l10n.t does with no translation). */
const untranslated: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);

export function shapeStatusText(
  expr: string,
  shape: string,
  variables: readonly { readonly name: string; readonly shape: string }[],
  t: Translate = untranslated,
): ShapeStatusText {
  const vars = variables.map((v) => `${v.name}: ${v.shape}`).join(', ');
  return {
    text: `f: ${shape}`,
    expression: expr.length > 200 ? `${expr.slice(0, 200)}…` : expr,
    details: `f: ${shape}` + (vars ? ` · ${vars}` : ''),
    ariaLabel: vars
      ? t('Matrix Calculus: the expression under the cursor has shape {0} ({1}); activate to differentiate', shape, vars)
      : t('Matrix Calculus: the expression under the cursor has shape {0}; activate to differentiate', shape),
  };
}

/**
 * The names activation needs before anything else is loaded (extension.ts): the commands, the
 * panel's view type. Pure: no imports.
 */
export const COMMAND_PREFIX = 'matrixCalculus.';

/** The commands of the table in commands/table.ts, registered at activation. */
export const COMMAND_NAMES = ['differentiate', 'jacobian', 'gradient', 'hessian', 'chainRule', 'checkNumerically', 'copyLatex', 'insertResult'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The editor context menu's words for the derive commands when there is no selection: the same
 * commands, which then take the expression at the cursor (the math block, the side of an equation,
 * the line), under a title that says so. Menu-only (hidden from the palette, where the commands'
 * own titles say "Expression": the selection, or the expression at the cursor); registered at
 * activation to run the command they name. differentiateAtCursor has Ctrl+Alt+D without a
 * selection (package.json), so that the menu shows the key on it.
 */
export const AT_CURSOR_COMMANDS = {
  differentiate: 'differentiateAtCursor',
  jacobian: 'jacobianAtCursor',
  gradient: 'gradientAtCursor',
  hessian: 'hessianAtCursor',
} as const satisfies Partial<Record<CommandName, string>>;

/** The commands of check/ (issue 14), registered at activation: not derivations, so not in the table. */
export const CHECK_COMMAND_NAMES = ['checkClaim', 'proofreadFile'] as const;
export type CheckCommandName = (typeof CHECK_COMMAND_NAMES)[number];

/** The internal commands tests use to read the check panel and press its replace button. */
export const CHECK_SNAPSHOT_COMMAND = 'matrixCalculus.internal.checkSnapshot';
export const CHECK_REPLACE_COMMAND = 'matrixCalculus.internal.checkReplace';

/** The languages proofread (as documentKind reads them: Markdown, LaTeX, .matcalc). */
export const PROOFREAD_LANGUAGES = ['markdown', 'quarto', 'rmd', 'latex', 'tex', 'context', 'latex-expl3', 'doctex', 'matcalc'] as const;

/**
 * The largest document proofread (characters; issue 8: a 10 MB file must never stall the editor):
 * larger documents are not proofread — reading their chains alone would hold the extension host.
 */
export const MAX_PROOFREAD_CHARS = 1_000_000;

/** The internal command that tests use to read the panel's state. */
export const PANEL_SNAPSHOT_COMMAND = 'matrixCalculus.internal.panelSnapshot';

/** The internal command that tests use to read the language features' state (diagnostics, status bar, follower). */
export const LANGUAGE_SNAPSHOT_COMMAND = 'matrixCalculus.internal.languageSnapshot';

export const PANEL_VIEW_TYPE = 'matrixCalculus.derivation';

/** The walkthrough's "open a sample" command (walkthrough.ts). */
export const OPEN_SAMPLE_COMMAND = 'matrixCalculus.openSample';

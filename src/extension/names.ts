/**
 * The names activation needs before anything else is loaded (extension.ts): the commands, the
 * panel's view type. Pure: no imports.
 */
export const COMMAND_PREFIX = 'matrixCalculus.';

/** The commands of the table in commands/table.ts, registered at activation. */
export const COMMAND_NAMES = ['differentiate', 'jacobian', 'gradient', 'hessian', 'chainRule', 'checkNumerically', 'copyLatex', 'insertResult'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The internal command that tests use to read the panel's state. */
export const PANEL_SNAPSHOT_COMMAND = 'matrixCalculus.internal.panelSnapshot';

export const PANEL_VIEW_TYPE = 'matrixCalculus.derivation';

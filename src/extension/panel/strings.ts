/**
 * The panel's words, localised in the extension host (vscode.l10n) and handed to the page once.
 */
import * as vscode from 'vscode';
import type { PanelStrings } from './renderer';

export function panelStrings(): PanelStrings {
  const t = vscode.l10n.t;
  return {
    panelTitle: t('Matrix Calculus'),
    placeholder: t('Select an expression and run “Matrix Calculus: Differentiate Selection…”.'),
    working: t('Working…'),
    errorHeading: t('Cannot differentiate'),
    errorAt: t('{0} (column {1})'),
    errorSource: t('Expression with the error marked'),
    expression: t('Expression'),
    result: t('Result'),
    inputMeta: t('shape {0}'),
    resultMeta: t('{0} layout · shape {1} · with respect to {2} ({3})'),
    options: t('Options'),
    layout: t('Layout'),
    numerator: t('numerator'),
    denominator: t('denominator'),
    mixed: t('mixed'),
    granularity: t('Steps'),
    summary: t('summary'),
    full: t('full'),
    form: t('Form'),
    matrix: t('Matrix'),
    index: t('Index'),
    noIndexForm: t('No index form: {0}'),
    actions: t('Actions'),
    copyLatex: t('Copy LaTeX'),
    copyNumpy: t('Copy NumPy'),
    insertResult: t('Insert result'),
    derivation: t('Derivation'),
    prev: t('◀ Prev'),
    next: t('Next ▶'),
    showAll: t('Show all'),
    position: t('Step {0} of {1}'),
    noSteps: t('No derivation steps for this result.'),
    keyboardHint: t('Keys: ← → previous/next step, Home/End first/last.'),
    checkPassed: t('✓ numerically checked: max rel. error {0} · {1} samples'),
    checkFailed: t('✗ numerical check failed: max rel. error {0} · {1} samples'),
    checkTitle: t('Compared with central finite differences at random points'),
    becomes: t('becomes'),
    piecewise: t('Piecewise'),
    named: t('With common subexpressions named'),
    pitfall: t('Pitfall'),
    actingOn: t('Acting on'),
    shapes: t('Shapes'),
    productPicture: t('Shapes of the product: {0} gives {1}.'),
    overviewPicture: t('Shapes: f is {0}, {1} is {2}, so {3} is {4} ({5} layout).'),
    times: t('times'),
    withRespectTo: t('w.r.t.'),
  };
}

/**
 * `node deepSquaresProbe.js k`: the index formula of the derivative of k nested squares ((…(S)²…)²)
 * by a symmetric S, in a process of its own (indexBound.test.ts: the deep differential's nodes
 * would otherwise stay in the test process's hash-consing table). Prints NoIndexForm, `an index
 * form`, or what was thrown instead.
 */
import { differentiate } from '../../../src/core/calculus/derive';
import { readExpression } from '../../../src/core/read';
import { indexFormula, NoIndexForm } from '../../../src/core/tensor';

const k = Number(process.argv[2]);
const r = readExpression(`${'('.repeat(k)}S${')^2'.repeat(k)}`, 'S: matrix(n, n) symmetric', 'plain');
if (!r.ok) throw new Error(r.error.message);
const s = r.value.variables[0];
try {
  indexFormula(differentiate(r.value.expr, [s], 1).f, s, 1);
  console.log('an index form');
} catch (e) {
  console.log(e instanceof NoIndexForm ? 'NoIndexForm' : `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
}

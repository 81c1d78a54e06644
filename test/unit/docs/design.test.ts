/**
 * docs/design.md stays true to the code: its table of the rule each operator contributes lists
 * exactly the operators of the rule records (calculus/rules/), leaves aside, and the element-wise
 * functions it names are exactly the function records.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATOR_RULES } from '../../../src/core/calculus/rules/index';
import { isUnsupported } from '../../../src/core/calculus/rules/types';
import { ELEMENTWISE_FUNCTIONS } from '../../../src/core/functions/index';

const DESIGN = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'design.md'), 'utf8');

describe('docs/design.md', () => {
  it('its rule table lists exactly the operators whose records have rules', () => {
    const section = DESIGN.slice(DESIGN.indexOf('### The rule each operator contributes'), DESIGN.indexOf('### Element-wise functions'));
    const rows = section.split('\n').filter((l) => /^\| `[A-Za-z0-9]+` \|/.test(l)).map((l) => (/^\| `([A-Za-z0-9]+)`/.exec(l) as RegExpExecArray)[1]);
    const withRules = Object.entries(OPERATOR_RULES).filter(([, r]) => !isUnsupported(r.tangent) || !isUnsupported(r.adjoint) || !isUnsupported(r.local)).map(([op]) => op);
    assert.deepEqual([...rows].sort(), [...withRules].sort());
    assert.equal(new Set(rows).size, rows.length, 'each operator once');
  });
  it('names every element-wise function of the records', () => {
    const listed = /`fn` \(an element-wise function, one record each in `functions\/`: `([^`]+)`\)/.exec(DESIGN.replace(/\n/g, ' '));
    assert.ok(listed, 'the operator list names the functions');
    assert.deepEqual(listed[1].split(/\s+/).sort(), [...ELEMENTWISE_FUNCTIONS].sort());
  });
});

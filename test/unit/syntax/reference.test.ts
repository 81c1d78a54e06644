import assert from 'node:assert/strict';
import { ARITY, ELEMENTWISE } from '../../../src/core/syntax/functions';
import { functionReference } from '../../../src/core/syntax/reference';

describe('syntax/reference: the function list comes from the grammar', () => {
  it('lists every function the plain parser accepts, each with a shape rule', () => {
    const lines = functionReference();
    const names = lines.map((l) => l.name);
    for (const name of [...Object.keys(ARITY), ...ELEMENTWISE]) assert.ok(names.includes(name), `${name} is not listed`);
    for (const l of lines) assert.ok(!l.rule.includes('undocumented'), `${l.name} has no shape rule in syntax/reference.ts`);
    assert.equal(new Set(names).size, names.length, 'no name twice');
  });
});

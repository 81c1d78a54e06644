import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { acceptedVariables, rowForFilter } from '../../../src/extension/commands/pickChoice';

/**
 * The variable QuickPick allows several scalars to be checked (stacked), with the first variable
 * checked by default. Enter must take the variable the user went to — by typing its name or with
 * the arrows — as any single pick does, unless the user changed the checks.
 */
describe('variable pick: what Enter accepts', () => {
  const initial = ['X'];

  it('untouched: the default', () => {
    assert.deepEqual(acceptedVariables({ initial, checked: ['X'], active: 'X' }), ['X']);
  });

  it('typed "w" (or moved to w with the arrows), checks untouched: w, not the checked default', () => {
    assert.deepEqual(acceptedVariables({ initial, checked: ['X'], active: 'w' }), ['w']);
  });

  it('checks changed by hand: exactly the checked ones, wherever the highlight is', () => {
    assert.deepEqual(acceptedVariables({ initial: ['a'], checked: ['a', 'b'], active: 'c' }), ['a', 'b']);
    assert.deepEqual(acceptedVariables({ initial, checked: ['w'], active: 'X' }), ['w']);
  });

  it('everything unchecked by hand: nothing (the command is cancelled)', () => {
    assert.deepEqual(acceptedVariables({ initial, checked: [], active: 'X' }), []);
  });

  it('no highlighted row (the filter matches nothing): the checks', () => {
    assert.deepEqual(acceptedVariables({ initial, checked: ['X'], active: undefined }), ['X']);
  });
});

describe('variable pick: the row a typed filter goes to', () => {
  const names = ['X', 'x', 'w', 'W2', 'alpha', 'beta'];

  it('the name typed, case first', () => {
    assert.equal(rowForFilter('x', names), 'x');
    assert.equal(rowForFilter('X', names), 'X');
    assert.equal(rowForFilter(' w ', names), 'w');
  });

  it('else the first name starting with it, else containing it', () => {
    assert.equal(rowForFilter('al', names), 'alpha');
    assert.equal(rowForFilter('ET', names), 'beta');
    assert.equal(rowForFilter('W', ['W2', 'w']), 'w');
  });

  it('nothing for an empty filter or no match', () => {
    assert.equal(rowForFilter('', names), undefined);
    assert.equal(rowForFilter('q', names), undefined);
  });
});

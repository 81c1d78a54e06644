import assert from 'node:assert/strict';
import { parseEinsumSpec } from '../../../src/core/tensor/spec';

const read = (spec: string, offset = 0) => {
  const r = parseEinsumSpec(spec, offset);
  if (!r.ok) assert.fail(`${spec}: ${r.error.message}`);
  return r.value;
};

describe('tensor/spec: reading einsum subscripts with NumPy rules', () => {
  it('reads operands, the explicit output and the spans of every letter (offset into the text)', () => {
    const s = read('ij,jk->ik', 10);
    assert.deepEqual(s.inputs.map((i) => i.letters), ['ij', 'jk']);
    assert.equal(s.output.letters, 'ik');
    assert.equal(s.explicit, true);
    assert.deepEqual(s.inputs[1].span, { start: 13, end: 15 });
    assert.deepEqual(s.output.letterSpans[1], { start: 18, end: 19 });
  });

  it('takes the implicit output as the letters occurring once, sorted by character code (capitals first)', () => {
    assert.equal(read('ij,jk').output.letters, 'ik');
    assert.equal(read('ji').output.letters, 'ij');
    assert.equal(read('ii').output.letters, '');
    assert.equal(read('ib,Ai').output.letters, 'Ab');
    assert.equal(read('i,i').explicit, false);
  });

  it('ignores spaces and allows scalar operands with no subscripts', () => {
    const s = read(' ij , jk -> ik ');
    assert.deepEqual(s.inputs.map((i) => i.letters), ['ij', 'jk']);
    assert.equal(s.output.letters, 'ik');
    assert.deepEqual(read(',ij->ij').inputs.map((i) => i.letters), ['', 'ij']);
    assert.equal(read('i->').output.letters, '');
  });

  it('refuses repeated output letters, unknown output letters, stray characters and broadcasting', () => {
    const bad: [string, string, number][] = [
      ['ij->ii', 'einsum.output', 5],
      ['ij->ik', 'einsum.output', 5],
      ['i j2', 'einsum.spec', 3],
      ['ij-ik', 'einsum.spec', 2],
      ['ij>ik', 'einsum.spec', 2],
      ['i->j->k', 'einsum.spec', 4],
      ['...,i', 'einsum.spec', 0],
    ];
    for (const [spec, code, at] of bad) {
      const r = parseEinsumSpec(spec);
      assert.ok(!r.ok, spec);
      if (!r.ok) {
        assert.equal(r.error.code, code, spec);
        assert.equal(r.error.start, at, `${spec}: ${r.error.message}`);
      }
    }
  });
});

import assert from 'node:assert/strict';
import type { Diagnostic, Outcome } from '../../../src/core/api';
import { diagnosticSource, MAX_DEPTH, parseDeclarations, parsePlain, readPlain } from '../../../src/core/syntax';

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'x', 'y', 'A', 'B', 'a', 'b', 'σ', 'foo', 'W1', '1', '2', '0', '.5', '1e3', '+', '-', '*', '/', '^', '.*', './', '.^', "'",
  '^T', '.T', '(', ')', '[', ']', ',', ';', ':', '=', ' ', '\n', '#', 'exp(', 'tr(', 'max(0,', 'dot(', 'eye(', 'vector(',
  'diag(', 'softmax(', 'is', 'a', 'vector', 'matrix', 'symmetric', 'where', '⊙', '²', '\u0000', '\ud835', '−', 'ᵀ',
];

function garbage(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    s += next() < 0.8 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 0x3000));
  }
  return s;
}

function assertWellFormed<T>(o: Outcome<T>, text: string, where = ''): void {
  if (o.ok) return;
  const d: Diagnostic = o.error;
  const limit = diagnosticSource(d) === 'where' ? where.length : text.length;
  assert.ok(d.code.length > 0 && d.message.length > 0, `empty diagnostic for ${JSON.stringify(text)}`);
  assert.ok(0 <= d.start && d.start <= d.end && d.end <= limit, `bad span [${d.start}, ${d.end}) for ${JSON.stringify(text)}: ${d.message}`);
}

describe('syntax: random input never throws', () => {
  it('parsePlain, parseDeclarations and readPlain return values on 3,000 random strings', () => {
    const next = random(20251126);
    for (let i = 0; i < 3000; i++) {
      const text = garbage(next, 1 + Math.floor(next() * 20));
      const where = next() < 0.3 ? garbage(next, Math.floor(next() * 8)) : undefined;
      assertWellFormed(parsePlain(text), text);
      assertWellFormed(parseDeclarations(text), text);
      assertWellFormed(readPlain(text, where), text, where);
    }
  });

  it('random well-formed expressions either check or fail with a diagnostic', () => {
    const next = random(7);
    const leaves = ['x', 'y', 'z', 'A', 'B', 'S', 'a', 'b', '2', '0.5', 'vector(1)', 'eye(n)', '[a, b]'];
    const unary = ['exp', 'log', 'sum', 'tr', 'inv', 'diag', 'softmax', 'norm2', 'relu', 'logdet', 'sigmoid'];
    const binary = [' + ', ' - ', '*', '/', '.*', './'];
    const gen = (depth: number): string => {
      const r = next();
      if (depth === 0 || r < 0.25) return leaves[Math.floor(next() * leaves.length)];
      if (r < 0.45) return `${unary[Math.floor(next() * unary.length)]}(${gen(depth - 1)})`;
      if (r < 0.55) return `${gen(depth - 1)}'`;
      if (r < 0.6) return `(${gen(depth - 1)})^2`;
      if (r < 0.65) return `-${gen(depth - 1)}`;
      if (r < 0.7) return `dot(${gen(depth - 1)}, ${gen(depth - 1)})`;
      return `(${gen(depth - 1)}${binary[Math.floor(next() * binary.length)]}${gen(depth - 1)})`;
    };
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const text = gen(5);
      const o = readPlain(text, 'S: matrix(n, n) symmetric');
      assertWellFormed(o, text);
      if (o.ok) checked++;
    }
    // the generator is not shape-aware, but a good share of its expressions must check
    assert.ok(checked > 200, `only ${checked} of 2000 checked`);
  });

  it('survives nesting just past the limit in every construct', () => {
    // f( for a call: MAX_DEPTH + 1 nested exp( would pass the input length limit; a run of signs
    // is one level (robustness/deep.test.ts), x^- nests through the exponents
    for (const open of ['(', '[', 'f(', 'x^-', '-(']) {
      const text = open.repeat(MAX_DEPTH + 1) + 'x';
      const o = readPlain(text);
      assert.equal(o.ok, false);
      if (!o.ok) assert.equal(o.error.code, 'limit.depth', open);
    }
  });
});

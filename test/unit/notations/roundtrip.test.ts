/**
 * Round trips through every writer that has a reader: read(write(e)) is e, for the plain text
 * (toText/readPlain) and LaTeX (toLatex/readLatex, \otimes read as Kronecker, as the writer means it).
 *
 * Equality is hash-consed identity after `normalize` (./normalize.ts), which undoes the liberties
 * the writers take to print textbook forms: flattened sums and products, scalar factors first with
 * one numeric coefficient (a − 2b prints like a − (2b)), inv(Aᵀ) = inv(A)ᵀ, 𝟏ᵀ as a row. Corpus
 * inputs must come back exactly (no normalization) through LaTeX; results of derive() up to
 * normalization. A constant whose size the text does not give (a lone I or 𝟏) reads back with a
 * new dimension name: then the two must agree up to that name.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Expr } from '../../../src/core/model/expr';
import { present } from '../../../src/core/service';
import { differentiate } from '../../../src/core/calculus/derive';
import { readPlain } from '../../../src/core/syntax';
import { readLatex } from '../../../src/core/syntax/latex';
import { toLatex, toText } from '../../../src/core/write';
import { postorder } from '../../../src/core/model/expr';
import { corpus, value } from './helpers';
import { normalize, sameUpToDimensions, wellFormed } from './normalize';

/** Dimension symbols of every node of e. */
function dimensionsOf(e: Expr): Set<string> {
  const out = new Set<string>();
  for (const n of postorder(e)) for (const d of [n.shape.rows, n.shape.cols]) if (typeof d === 'string') for (const p of d.split('·')) out.add(p);
  return out;
}

function assertRoundTrip(e: Expr, where: string, writer: 'latex' | 'text', exact: boolean): void {
  const written = writer === 'latex' ? toLatex(e) : toText(e);
  const read = value(writer === 'latex' ? readLatex(written, where, { otimes: 'kronecker' }) : readPlain(written, where), `${writer} ${written}`).expr;
  if (exact) {
    assert.ok(read === e, `${writer} round trip of ${toText(e)}: ${written} reads as ${toText(read)}`);
    return;
  }
  if (normalize(read) === normalize(e)) return;
  // Only a size the text leaves open (a lone I or 𝟏) may come back with another name.
  const open = new Set([...dimensionsOf(read)].filter((d) => !dimensionsOf(e).has(d)));
  assert.ok(open.size > 0 && sameUpToDimensions(normalize(e), normalize(read), open), `${writer} round trip of ${toText(e)}: ${written} reads as ${toText(read)}`);
}

describe('notations/roundtrip: the corpus', () => {
  for (const c of corpus()) {
    it(`${c.id}: ${c.expr}`, () => {
      const checked = value(readPlain(c.expr, c.where), c.expr);
      const f = checked.expr;
      assertRoundTrip(f, c.where, 'latex', !['cb-130'].includes(c.id));
      assertRoundTrip(f, c.where, 'text', true);
      const wrt = c.wrt.map((w) => [...checked.variables, ...checked.unused].find((v) => v.name === w) as Expr);
      const shown = present(differentiate(f, wrt, c.order), c.layout);
      assertRoundTrip(shown, c.where, 'latex', false);
      assertRoundTrip(shown, c.where, 'text', false);
    });
  }
});

// ---- random well-typed expressions ----

const WHERE = 'a: scalar; b: scalar; s: scalar; x: vector(n); y: vector(n); z: vector(n); A: matrix(n, n); B: matrix(n, n); C: matrix(n, n)';

type Kind = 'S' | 'V' | 'M';

const numberText = fc.constantFrom('2', '3', '0.5', '1.5', '4');

/** Random plain-syntax text of a scalar (S), vector (V) or matrix (M) expression over WHERE. */
const expressions = fc.letrec<Record<Kind, string>>((tie) => {
  const S = tie('S');
  const V = tie('V');
  const M = tie('M');
  const pick = (leaves: fc.Arbitrary<string>[], nodes: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
    fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...leaves, ...nodes);
  return {
    S: pick(
      [fc.constantFrom('a', 'b', 's'), numberText],
      [
        fc.tuple(S, S).map(([p, q]) => `(${p} + ${q})`),
        fc.tuple(S, S).map(([p, q]) => `(${p} - ${q})`),
        fc.tuple(S, S).map(([p, q]) => `${p}*${q}`),
        fc.tuple(S, S).map(([p, q]) => `(${p})/(${q})`),
        S.map((p) => `(${p})^2`),
        S.map((p) => `-(${p})`),
        fc.tuple(fc.constantFrom('exp', 'log', 'sin', 'tanh', 'sigmoid', 'sqrt', 'abs'), S).map(([f, p]) => `${f}(${p})`),
        S.map((p) => `max(0, ${p})`),
        fc.tuple(V, V).map(([u, v]) => `(${u})'*(${v})`),
        fc.tuple(V, V).map(([u, v]) => `dot(${u}, ${v})`),
        fc.tuple(fc.constantFrom('sum', 'mean', 'norm1', 'norm2', 'logsumexp'), V).map(([f, v]) => `${f}(${v})`),
        fc.tuple(fc.constantFrom('tr', 'det', 'norm2'), M).map(([f, m]) => `${f}(${m})`),
      ],
    ),
    V: pick(
      [fc.constantFrom('x', 'y', 'z')],
      [
        fc.tuple(M, V).map(([m, v]) => `(${m})*(${v})`),
        fc.tuple(V, V).map(([u, v]) => `(${u} + ${v})`),
        fc.tuple(V, V).map(([u, v]) => `(${u} - ${v})`),
        fc.tuple(S, V).map(([c, v]) => `(${c})*(${v})`),
        fc.tuple(V, S).map(([v, c]) => `(${v} + ${c})`),
        fc.tuple(V, V).map(([u, v]) => `(${u}) .* (${v})`),
        fc.tuple(V, V).map(([u, v]) => `(${u}) ./ (${v})`),
        V.map((v) => `(${v}).^2`),
        V.map((v) => `-(${v})`),
        fc.tuple(fc.constantFrom('exp', 'tanh', 'sigmoid', 'softmax', 'abs'), V).map(([f, v]) => `${f}(${v})`),
        V.map((v) => `max(0, ${v})`),
        V.map((v) => `min(0, ${v})`),
        M.map((m) => `diag(${m})`),
        fc.tuple(V, S).map(([v, c]) => `(${v})/(${c})`),
      ],
    ),
    M: pick(
      [fc.constantFrom('A', 'B', 'C')],
      [
        fc.tuple(M, M).map(([p, q]) => `(${p})*(${q})`),
        M.map((p) => `(${p})'`),
        fc.tuple(M, M).map(([p, q]) => `(${p} + ${q})`),
        fc.tuple(M, M).map(([p, q]) => `(${p} - ${q})`),
        fc.tuple(S, M).map(([c, m]) => `(${c})*(${m})`),
        M.map((m) => `inv(${m})`),
        fc.tuple(V, V).map(([u, v]) => `(${u})*(${v})'`),
        V.map((v) => `diag(${v})`),
        fc.tuple(M, M).map(([p, q]) => `(${p}) .* (${q})`),
        M.map((m) => `(${m})^2`),
        M.map((m) => `(${m} + eye(n))`),
        M.map((m) => `exp(${m})`),
      ],
    ),
  };
});

const anyExpression = fc.oneof(expressions.S, expressions.V, expressions.M);

describe('notations/roundtrip: random expressions (fast-check)', () => {
  it('read(toLatex(e)) is e', () => {
    fc.assert(
      fc.property(anyExpression, (text) => {
        const e = value(readPlain(text, WHERE), text).expr;
        assertRoundTrip(e, WHERE, 'latex', false);
      }),
      { numRuns: 400, seed: 20240601 },
    );
  });

  it('read(toText(e)) is e', () => {
    fc.assert(
      fc.property(anyExpression, (text) => {
        const e = value(readPlain(text, WHERE), text).expr;
        assertRoundTrip(e, WHERE, 'text', false);
      }),
      { numRuns: 400, seed: 20240602 },
    );
  });

  it('read(toLatex(d)) is d for derivatives of random scalar expressions', () => {
    fc.assert(
      fc.property(expressions.S, fc.constantFrom('x', 'A', 's'), (text, w) => {
        const c = value(readPlain(text, WHERE), text);
        const v = c.variables.find((u) => u.name === w);
        if (!v) return;
        const shown = present(differentiate(c.expr, [v], 1), 'numerator');
        // Round trips are about the writers and readers: a malformed result of the differentiator
        // (reported separately) is not theirs to read back.
        fc.pre(wellFormed(shown));
        assertRoundTrip(shown, WHERE, 'latex', false);
      }),
      { numRuns: 150, seed: 20240603 },
    );
  });
});

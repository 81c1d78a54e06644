/**
 * What the reading of a long or deep input keeps (issue 13): the heap stacks of the passes hold
 * their entries in small arrays, and shape inference remembers the shapes of the nodes it needs
 * again only, not one per node. Sizes only, no timings.
 */
import assert from 'node:assert/strict';
import { Stack } from '../../../src/core/syntax/stack';
import { ShapeInference } from '../../../src/core/syntax/infer';
import { childAt, childCount, children, depthCheckpoints, walk, type Ast } from '../../../src/core/syntax/ast';
import { parseDeclarations, parsePlain } from '../../../src/core/syntax';
import { parseLatex } from '../../../src/core/syntax/latex/index';
import { scanLatex } from '../../../src/core/syntax/latex/scanner';
import { prepareTokens } from '../../../src/core/syntax/latex/tokens';
import { KindEstimator, type Kind } from '../../../src/core/syntax/kinds';

const parsed = (o: { ok: boolean; value?: Ast; error?: { message: string } }): Ast => {
  assert.ok(o.ok, o.error?.message);
  return o.value as Ast;
};

describe('syntax/stack: a heap stack in small arrays', () => {
  it('is last in, first out across its arrays (10,000 entries, pushed and popped in turns)', () => {
    const s = new Stack<number>();
    assert.equal(s.empty, true);
    assert.equal(s.pop(), undefined);
    assert.equal(s.peek(), undefined);
    const model: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10_000; i++) {
        s.push(round * 100_000 + i);
        model.push(round * 100_000 + i);
      }
      // pop across an array boundary, then refill past it
      for (let i = 0; i < 4_500; i++) assert.equal(s.pop(), model.pop());
      assert.equal(s.peek(), model[model.length - 1]);
    }
    while (model.length > 0) {
      assert.equal(s.peek(), model[model.length - 1]);
      assert.equal(s.pop(), model.pop());
    }
    assert.equal(s.empty, true);
    assert.equal(s.pop(), undefined);
  });
});

describe('syntax/ast: children by index, and the walk that uses them', () => {
  it('childAt lists children(node) for every kind of node', () => {
    const ast = parsed(parsePlain("[a, b; c, d]*sum(x'*A - 2*y, 1).^3 + -exp(x)'*z/f(u) + einsum('ij,j->i', A, x)"));
    walk([ast], (node) => {
      const listed = children(node);
      assert.equal(childCount(node), listed.length, node.kind);
      listed.forEach((c, i) => assert.equal(childAt(node, i), c, `${node.kind} child ${i}`));
      return true;
    });
  });

  it('walks a 20,000-factor product and a 15,000-level nest in the order of a recursive visit', () => {
    for (const text of [`x${'*y'.repeat(20_000)}`, `${'sin('.repeat(15_000)}x${')'.repeat(15_000)}`]) {
      const ast = parsed(parsePlain(text));
      const order: Ast[] = [];
      walk([ast], (node) => {
        order.push(node);
        return true;
      });
      // the same order as a recursive visit (on a heap stack here, to be safe)
      const expected: Ast[] = [];
      const pending: Ast[] = [ast];
      while (pending.length > 0) {
        const node = pending.pop() as Ast;
        expected.push(node);
        const kids = children(node);
        for (let i = kids.length - 1; i >= 0; i--) pending.push(kids[i]);
      }
      assert.equal(order.length, expected.length);
      assert.ok(order.every((n, i) => n === expected[i]));
    }
  });
});

describe('syntax/infer: the shapes inference remembers', () => {
  for (const [what, text, where] of [
    ['10,000 nested transposes', `x${'^T'.repeat(10_000)}`, 'x: vector(n)'],
    ['10,000 nested calls', `${'\\tanh('.repeat(10_000)}x${')'.repeat(10_000)}`, 'x: scalar'],
    ['10,000 nested groups', `${'{'.repeat(10_000)}x${'}'.repeat(10_000)}`, 'x: scalar'],
  ] as const) {
    it(`${what}: only the checkpoints' and the whole's (not one per node)`, () => {
      const ast = parsed(parseLatex(text));
      const decls = parseDeclarations(where);
      assert.ok(decls.ok);
      const inference = new ShapeInference(decls.ok ? decls.value : []);
      const checkpoints = depthCheckpoints(ast, 32);
      assert.ok(checkpoints.length > 300, `${checkpoints.length} checkpoints`);
      for (const node of checkpoints) inference.visit(node);
      inference.visit(ast);
      assert.ok(inference.shapes.size <= checkpoints.length + 1, `${inference.shapes.size} shapes remembered`);
    });
  }

  it('the shapes of ones(…), zeros(…), vector(c), matrix(c) are remembered for the builder', () => {
    const ast = parsed(parsePlain('A*ones(n) + zeros(m) + 2*vector(3) + matrix(1)*x'));
    const decls = parseDeclarations('A: matrix(m, n); x: vector(k)');
    assert.ok(decls.ok);
    const inference = new ShapeInference(decls.ok ? decls.value : []);
    inference.visit(ast);
    const calls: string[] = [];
    for (const node of inference.shapes.keys()) if (node.kind === 'call') calls.push(node.name);
    assert.deepEqual(calls.sort(), ['matrix', 'ones', 'vector', 'zeros']);
  });
});

describe('syntax/latex/tokens: the prepared tokens are the scanned array, compacted', () => {
  it('keeps the array, drops spacing and sizes, strips the delimiters, ends with the end of input', () => {
    const text = '$$ \\left( x \\, + \\quad y \\right)^2 . $$';
    const scanned = scanLatex(text).tokens;
    const prepared = prepareTokens(scanned);
    assert.equal(prepared.tokens, scanned);
    assert.deepEqual(prepared.tokens.map((t) => t.text), ['(', 'x', '+', 'y', ')', '^', '2', '']);
    const eof = prepared.tokens[prepared.tokens.length - 1];
    assert.deepEqual([eof.kind, eof.start, eof.end], ['eof', text.indexOf('2') + 1, text.indexOf('2') + 1]);
    assert.equal(prepared.opens.size, 1);
    assert.equal(prepared.closes.size, 1);
  });
});

describe('syntax/kinds: the estimator on deep trees, its heap stack shared by nested calls', () => {
  it('9,000 nested fractions, 10,000 nested products: the kinds of a short one, asked top-down and bottom-up', () => {
    const oracle = (name: string): Kind => (name === 'x' ? 'column' : name === 'A' ? 'matrix' : 'scalar');
    for (const [text, kind] of [
      [`${'\\frac{1}{'.repeat(9_000)}a${'}'.repeat(9_000)}`, 'scalar'],
      [`${'A('.repeat(10_000)}x${')'.repeat(10_000)}`, 'column'],
      [`${'(x^\\top A'.repeat(5_000)}A${')'.repeat(5_000)}`, 'row'],
    ] as const) {
      const ast = parsed(parseLatex(text));
      assert.equal(new KindEstimator(oracle).of(ast), kind, text.slice(0, 20));
      // bottom-up (as a reader asks), then the whole
      const nodes: Ast[] = [];
      walk([ast], (node) => {
        nodes.push(node);
        return true;
      });
      const estimator = new KindEstimator(oracle);
      for (let i = nodes.length - 1; i >= 0; i--) estimator.of(nodes[i]);
      assert.equal(estimator.of(ast), kind, text.slice(0, 20));
    }
  });
});

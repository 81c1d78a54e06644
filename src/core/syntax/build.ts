/**
 * The second pass of the shape checker: with every dimension resolved, build the `Expr` exactly as
 * written, following the model's conventions (src/core/model/expr.ts):
 * - a − b is add[a, mul[-1, b]]; −x is mul[-1, x], except that a negated number literal is the
 *   number (−3 is num(-3));
 * - a + b + c is one n-ary add; scalar expansion x + z (z 1×1) is add[x, mul[z, ones]];
 * - a*b*c is one n-ary mul while its non-scalar factors still form a valid matrix chain (x'*y*z is
 *   mul[mul[x', y], z], since x'*y is 1×1 and scales z); a / s is mul[a, pow[s, -1]];
 * - x .* y is hadamard[x, y] (n-ary); x ./ y is hadamard[x, pow[y, -1]]; when a side is 1×1 the
 *   element-wise product is the scaling mul[…];
 * - ^ is pow (1×1 base) or matpow (square matrix, integer exponent); .^ is pow;
 * - a transpose of a transpose is its argument ((xᵀ)ᵀ is x); the plain parser reads a run of
 *   signs as the sign it amounts to (--x is x);
 * - [e1, …, ek] is block(k, 1, …); [a, b; c, d] is block(2, 2, [a, b, c, d]) (row-major); dot(u, v) is mul[u', v]; max(0, u) is relu(u); min(0, u) is
 *   min0(u); vector(c) is mul[c, ones] (ones when c = 1), matrix(c) likewise; eye(n) is eye;
 * - kron, vec, commutation, unit, entry, count build the nodes of the same names (count: size).
 */
import {
  type Expr,
  block,
  commutation,
  entry,
  eye,
  num,
  rationalNum,
  rationalOf,
  PI,
  ones,
  rawAdd,
  rawDiagm,
  rawDiagv,
  rawFn,
  rawExtremum,
  rawHadamard,
  rawInv,
  rawKron,
  rawMatpow,
  rawMul,
  rawPow,
  rawReduce,
  rawTranspose,
  rawVec,
  sizeNode,
  unit,
  variable,
  zeros,
  type ReductionOp,
} from '../model/expr';
import { isMatrix, isScalar, mulDim, shape, type Dim, type Shape } from '../model/shape';
import * as Q from '../model/rational';
import { fromNumber, parseDecimal } from '../model/rational';
import { SpanTable } from './spanTable';
import type { Ast, CallNode, ChainLink, EinsumNode, MulOp, AddOp } from './ast';
import { isPi } from './names';
import { matrixForm } from '../tensor/lower';
import { isPlainOutput, rawContraction } from '../tensor/contraction';
import { ELEMENTWISE, ELEMENTWISE_NAMES } from './functions';
import { AXIS_FUNCTIONS, axisArgument, buildAlong } from './axes';
import { dimensionOf } from './dimensionValues';
import { constantArgument, matrixExponent, type DimShape, type ShapeInference, type VariableInfo } from './infer';

export class ExprBuilder {
  private readonly variables = new Map<string, Expr>();
  /** The values of `where` bindings built so far (made at the first: most requests have none). */
  private bound: Map<string, Expr> | undefined;

  constructor(private readonly inference: ShapeInference) {}

  variable(info: VariableInfo): Expr {
    let v = this.variables.get(info.name);
    if (!v) {
      v = variable(info.name, this.resolved(info.shape), info.symmetric, info.declaration?.probabilities === true);
      this.variables.set(info.name, v);
    }
    return v;
  }

  /** Where each node was read: its first occurrence (a call's name: the caret goes under `kron`). */
  readonly spans = new SpanTable();

  /** The checkpoints of a deep tree, built first (syntax/check.ts), so that building recurses little (made at the first). */
  private prebuilt: Map<Ast, Expr> | undefined;

  build(node: Ast): Expr {
    const known = this.prebuilt?.get(node);
    if (known !== undefined) return known;
    const e = this.buildNode(node);
    this.spans.record(e.id, node.kind === 'call' ? node.nameSpan : node.span);
    return e;
  }

  /** Build a checkpoint of a deep tree ahead of the whole, remembering it. */
  prebuild(node: Ast): void {
    const e = this.build(node);
    (this.prebuilt ??= new Map()).set(node, e);
  }

  /** The values of the bindings used, by their names (NumPy's internal ones: h#2 for the second assignment to h). */
  boundValues(): ReadonlyMap<string, Expr> | undefined {
    return this.bound;
  }

  /** Build a bound name's value ahead of its uses (a long chain of bindings: syntax/check.ts). */
  prebuildBinding(name: string): void {
    const definition = this.inference.binding(name);
    if (definition !== undefined) this.boundValue(name, definition);
  }

  /** A `where` binding's value, built once however often it is used (the DAG stays linear). */
  private boundValue(name: string, definition: Ast): Expr {
    let value = this.bound?.get(name);
    if (value === undefined) {
      value = this.build(definition);
      (this.bound ??= new Map()).set(name, value);
    }
    return value;
  }

  private buildNode(node: Ast): Expr {
    if (this.inference.sizes.has(node)) return sizeNode(shape(dimensionOf(node) as Dim, 1));
    switch (node.kind) {
      case 'number':
        return numberLiteral(node.text, node.value);
      case 'name': {
        const definition = this.inference.binding(node.name);
        if (definition === undefined) {
          const info = this.inference.used.get(node.name);
          // `pi` is π unless declared as a variable.
          return info === undefined && isPi(node.name) ? PI() : this.variable(info as VariableInfo);
        }
        return this.boundValue(node.name, definition);
      }
      case 'paren':
        return this.build(node.arg);
      case 'unary':
        return node.op === '-' ? negate(this.build(node.arg)) : this.build(node.arg);
      case 'transpose': {
        // (aᵀ)ᵀ is a: a transpose of a transpose cancels as it is read (x'' is x), so a chain of
        // them costs no pass and no writer anything, and no result carries it.
        const arg = this.build(node.arg);
        return arg.op === 'transpose' ? arg.args[0] : rawTranspose(arg);
      }
      case 'vector':
        return block(node.entries.length, 1, node.entries.map((e) => this.build(e)));
      case 'matrix':
        return block(node.rows.length, node.rows[0].length, node.rows.flat().map((e) => this.build(e)));
      case 'sum':
        return this.sum(node.first, node.rest);
      case 'product':
        return this.product(node.first, node.rest);
      case 'power': {
        const base = this.build(node.base);
        const exponent = this.build(node.exponent);
        if (node.op === '^' && !isScalar(base.shape)) {
          // X^-1 is inv(X), X^-k is inv(X)^k (MATLAB: X^-1*b is (X^-1)*b, the exponent being a signed primary).
          const k = matrixExponent(node.exponent) as number;
          if (k >= 0) return rawMatpow(base, k);
          return k === -1 ? rawInv(base) : rawMatpow(rawInv(base), -k);
        }
        return rawPow(base, exponent);
      }
      case 'call':
        return this.call(node);
      case 'einsum':
        return this.einsum(node);
    }
  }

  /** The contraction in matrix operations (tensor/lower.ts), or the general contraction node when it has none. */
  private einsum(node: EinsumNode): Expr {
    const operands = node.operands.map((a, k) => ({ expr: this.build(a), letters: node.spec.inputs[k].letters }));
    const output = node.spec.output.letters;
    const split = node.spec.split ?? Math.min(output.length, 1);
    const spec = { inputs: operands.map((o) => o.letters), rows: output.slice(0, split), cols: output.slice(split) };
    // A grouped output (->ab|pq, the entries of a Jacobian) is the contraction node as written.
    if (!isPlainOutput(spec.rows, spec.cols)) return rawContraction(operands.map((o) => o.expr), spec);
    // Without an exception when it has none (its stack captured, on every read of such an einsum).
    return matrixForm(operands, output) ?? rawContraction(operands.map((o) => o.expr), spec);
  }

  private resolved(s: DimShape): Shape {
    const dims = this.inference.dims;
    return shape(dims.resolve(s.rows), dims.resolve(s.cols));
  }

  private sum(first: Ast, rest: readonly ChainLink<AddOp>[]): Expr {
    let terms = [this.build(first)];
    let accShape = terms[0].shape;
    for (const link of rest) {
      let term = this.build(link.operand);
      if (broadcasts(accShape, term.shape)) {
        terms = [expandAlong(terms.length === 1 ? terms[0] : rawAdd(terms), term.shape)];
        accShape = term.shape;
      } else if (broadcasts(term.shape, accShape)) {
        term = expandAlong(term, accShape);
      } else if (isScalar(accShape) && !isScalar(term.shape)) {
        terms = [expand(terms.length === 1 ? terms[0] : rawAdd(terms), term.shape)];
        accShape = term.shape;
      } else if (!isScalar(accShape) && isScalar(term.shape)) {
        term = expand(term, accShape);
      }
      terms.push(link.op === '-' ? negate(term) : term);
    }
    return rawAdd(terms);
  }

  private product(first: Ast, rest: readonly ChainLink<MulOp>[]): Expr {
    let items = [this.build(first)];
    let kind: 'mul' | 'hadamard' = 'mul';
    let accShape = items[0].shape;
    const value = (): Expr => (items.length === 1 ? items[0] : kind === 'mul' ? rawMul(items) : rawHadamard(items));
    const step = (k: 'mul' | 'hadamard', factor: Expr): void => {
      const joins = items.length === 1 || (k === kind && (k === 'hadamard' || chainAccepts(items, factor)));
      if (!joins) items = [value()];
      kind = k;
      items.push(factor);
      if (k === 'mul') accShape = isScalar(accShape) ? factor.shape : isScalar(factor.shape) ? accShape : shape(accShape.rows, factor.shape.cols);
    };
    for (const link of rest) {
      const f = this.build(link.operand);
      const scalarSide = isScalar(accShape) || isScalar(f.shape);
      switch (link.op) {
        case '*':
          step('mul', f);
          break;
        case '/':
          step('mul', reciprocal(f));
          break;
        case '.*':
        case './': {
          // Implicit expansion: the row or column operand is written expanded (𝟏bᵀ, c𝟏ᵀ).
          let g = f;
          if (broadcasts(accShape, f.shape)) {
            items = [expandAlong(value(), f.shape)];
            kind = 'hadamard';
            accShape = f.shape;
          } else if (broadcasts(f.shape, accShape)) g = expandAlong(f, accShape);
          step(scalarSide ? 'mul' : 'hadamard', link.op === '.*' ? g : reciprocal(g));
          break;
        }
      }
    }
    return fractionLiteral(value());
  }

  private call(node: CallNode): Expr {
    const { name, args } = node;
    const own = this.inference.shapes.get(node) as DimShape;
    const dims = this.inference.dimensionArguments.get(node)?.map((d) => this.inference.dims.resolve(d)) ?? [];
    switch (name) {
      case 'eye':
        return eye(dims[0]);
      case 'commutation':
        return commutation(dims[0], dims[1]);
      case 'count':
        return sizeNode(shape(dims[0], dims[1]));
      case 'size':
        return sizeNode(shape(dims[0], 1));
      case 'numel': {
        // A number of entries known as a number (numel of a scalar, of a 2×3 array) is that number.
        const n = mulDim(dims[0], dims[1]);
        return typeof n === 'number' ? num(n) : sizeNode(shape(dims[0], dims[1]));
      }
      case 'unit':
        return unit(dims[0], indexOf(args[1]));
      case 'entry':
        return entry(this.build(args[0]), indexOf(args[1]), indexOf(args[2]));
      case 'ones':
        return ones(this.resolved(own));
      case 'zeros':
        return zeros(this.resolved(own));
      case 'vector':
      case 'matrix': {
        const c = constantArgument(args[0]) as number;
        const unit = ones(this.resolved(own));
        return c === 1 ? unit : rawMul([num(c), unit]);
      }
      case 'max':
      case 'min': {
        if (constantArgument(args[0]) === 0 || constantArgument(args[1]) === 0) {
          const other = constantArgument(args[0]) === 0 ? args[1] : args[0];
          return rawFn(name === 'max' ? 'relu' : 'min0', this.build(other));
        }
        // Element-wise max(a, b): a broadcast row or column is written expanded (𝟏bᵀ), a scalar as z·𝟏.
        let [a, b] = [this.build(args[0]), this.build(args[1])];
        if (broadcasts(a.shape, b.shape)) a = expandAlong(a, b.shape);
        else if (broadcasts(b.shape, a.shape)) b = expandAlong(b, a.shape);
        else if (isScalar(a.shape) && !isScalar(b.shape)) a = expand(a, b.shape);
        else if (isScalar(b.shape) && !isScalar(a.shape)) b = expand(b, a.shape);
        return rawExtremum(name === 'max' ? 'maximum' : 'minimum', a, b);
      }
    }
    if (AXIS_FUNCTIONS.has(name)) return buildAlong(name, this.build(args[0]), args.length > 1 ? axisArgument(name, args[1]) : undefined);
    const built = args.map((a) => this.build(a));
    const [a] = built;
    if (ELEMENTWISE.has(name)) return rawFn(ELEMENTWISE_NAMES[name], a);
    switch (name) {
      case 'inv':
        return rawInv(a);
      case 'diag':
        return isMatrix(a.shape) ? rawDiagv(a) : rawDiagm(a);
      case 'dot':
        return rawMul([rawTranspose(a), built[1]]);
      case 'kron':
        return rawKron(a, built[1]);
      case 'vec':
        return rawVec(a);
      default:
        return rawReduce(name as ReductionOp, a);
    }
  }
}

export function negate(e: Expr): Expr {
  return e.op === 'num' ? rationalNum(Q.neg(rationalOf(e))) : rawMul([num(-1), e]);
}

/**
 * A number as written: exact (3 is the integer 3, 0.1 the decimal 1/10, not the double nearest it);
 * π (\\pi, np.pi) the constant π, np.e e = exp(1).
 */
function numberLiteral(text: string, value: number): Expr {
  // A small integer (most literals: 2, 1, 10) is the integer: parsing its decimal gives the same.
  if (text.length <= 6 && isDigits(text)) return num(Number(text));
  if (text === 'π' || text === 'pi' || text.endsWith('.pi')) return PI();
  if (text.endsWith('.e')) return rawFn('exp', num(1));
  return rationalNum(parseDecimal(text) ?? fromNumber(value));
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}

/**
 * A quotient of numbers (1/2, 6/4, \\frac{2}{3}) is the rational literal it writes: ½, 3/2, ⅔; so
 * is a product's leading run of them (1/2*x is ½·x, as \\frac{1}{2}x).
 */
function fractionLiteral(e: Expr): Expr {
  if (e.op !== 'mul') return e;
  let r = Q.ONE;
  let run = 0;
  for (const f of e.args) {
    if (f.op === 'num') r = Q.mul(r, rationalOf(f));
    else if (f.op === 'pow' && f.args[0].op === 'num' && f.args[1].op === 'num' && f.args[1].value === -1 && f.args[0].value !== 0) r = Q.mul(r, Q.inverse(rationalOf(f.args[0])));
    else break;
    run++;
  }
  if (run === e.args.length) return rationalNum(r);
  if (run < 2) return e;
  return rawMul([rationalNum(r), ...e.args.slice(run)]);
}

const indexOf = (node: Ast): number => (node as { value: number }).value;
const reciprocal = (e: Expr): Expr => rawPow(e, num(-1));
/** Whether the vector shape v is broadcast to the matrix shape m (a 1×n row over m rows, an m×1 column over n columns). */
function broadcasts(v: Shape, m: Shape): boolean {
  if (isScalar(v) || !isMatrix(m)) return false;
  return (v.rows === 1 && v.cols === m.cols) || (v.cols === 1 && v.rows === m.rows);
}

/** The implicit expansion written out: a row b' over m rows is 𝟏b', a column c over n columns is c𝟏ᵀ. */
function expandAlong(v: Expr, m: Shape): Expr {
  return v.shape.rows === 1 ? rawMul([ones(shape(m.rows, 1)), v]) : rawMul([v, ones(shape(1, m.cols))]);
}

/** Scalar expansion z·𝟏 (just 𝟏 for the literal 1, like vector(1)). */
const expand = (z: Expr, s: Shape): Expr => (z.op === 'num' && z.value === 1 ? ones(s) : rawMul([z, ones(s)]));

/** Whether appending `factor` to the n-ary product `items` keeps its non-scalar factors a valid chain. */
function chainAccepts(items: readonly Expr[], factor: Expr): boolean {
  if (isScalar(factor.shape)) return true;
  for (let i = items.length - 1; i >= 0; i--) {
    if (!isScalar(items[i].shape)) return items[i].shape.cols === factor.shape.rows;
  }
  return true;
}

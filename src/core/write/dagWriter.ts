/**
 * What the notation writers (plain text, Unicode, LaTeX) share: each visits the DAG once, children
 * before parents (iteratively: deep expressions cannot overflow the stack), and renders each
 * distinct node once from the renderings of its children: time linear in the DAG size.
 */
import { walkUnvisited, type Expr } from '../model/expr';
import type { Dim } from '../model/shape';
import { checkOutput } from '../limits/budget';
import type { Piece } from './piece';
import { Prec, needsParens } from './precedence';
import type { KnownDimensions } from './declarations';

/** A rendered node: its text, and how tightly it binds (./precedence). */
export interface Rendered {
  readonly p: Piece;
  readonly prec: Prec;
}

export abstract class DagWriter<O extends Rendered> {
  private readonly memo = new Map<Expr, O>();

  /** `name` labels the error thrown should a node be asked for before it is rendered. */
  constructor(private readonly name: string) {}

  /** The dimensions the reader of the text is given (those of the declared variables), when known. */
  private knownDimensions: KnownDimensions | undefined;

  /**
   * Write for a reader that is given these dimensions (those of the declarations: `declaredDimensions`
   * of the function's variables). Without them, every size is written as its name.
   */
  knowing(dimensions: KnownDimensions | undefined): this {
    this.knownDimensions = dimensions;
    return this;
  }

  /**
   * Whether a size can be written as its name (2n, 1/N): every name in `d` is a dimension the reader
   * is given, so that it reads the name as that size; otherwise (a size only a constant of the input
   * had, as n in sum(ones(n)*zᵀ)) it is written so that it carries its dimension, sum(ones(n)).
   */
  protected declaredDimension(d: Dim): boolean {
    const known = this.knownDimensions;
    return known === undefined || typeof d === 'number' || d.split('·').every((part) => /^\d+$/.test(part) || known.has(part));
  }

  /** Whether `name` is a variable the reader of the text is given (its declarations), when they are known. */
  protected knownVariable(name: string): boolean {
    return this.knownDimensions?.hasVariable?.(name) === true;
  }

  /** Throws LimitExceeded('limit.output') when a node's rendering grows past the output limit. */
  write(e: Expr): Piece {
    const known = this.memo.get(e);
    if (known !== undefined) return known.p;
    // Its children already rendered (the parts of a named form, written one by one): no walk.
    if (this.childrenRendered(e)) return this.renderOne(e).p;
    // The nodes below not rendered yet, children first; a node already rendered (by an earlier write
    // of this writer) renders the same and is kept, and so is everything below it: the walk goes no deeper.
    walkUnvisited(e, this.rendered, this.renderNode);
    return this.get(e).p;
  }

  /** walkUnvisited's two functions, made once per writer rather than at every write (a named form writes each of its parts). */
  private readonly rendered = (n: Expr): boolean => this.memo.has(n);
  private readonly renderNode = (n: Expr): void => void this.renderOne(n);

  /**
   * The written length of one node, rendered from its children's renderings when they are already
   * made (so measuring a DAG bottom-up, node after node, costs O(DAG) in all), else by writing it.
   */
  lengthOf(e: Expr): number {
    return this.write(e).text.length;
  }

  private childrenRendered(e: Expr): boolean {
    for (const a of e.args) if (!this.memo.has(a)) return false;
    return true;
  }

  /** Renders one node whose children are rendered, and remembers it. */
  private renderOne(e: Expr): O {
    const o = this.render(e);
    checkOutput(o.p.text.length);
    this.memo.set(e, o);
    return o;
  }

  /** A node's rendering, from the renderings of its children (already made). */
  protected abstract render(e: Expr): O;

  /** A rendering in parentheses. */
  protected abstract paren(o: O): O;

  /** Forget every rendering (they were made in a context that no longer holds: MathWriter.sizesFrom). */
  protected forgetRenderings(): void {
    this.memo.clear();
  }

  /** How long a node's rendering is, once written (undefined for nodes not written). */
  renderedLength(e: Expr): number | undefined {
    return this.memo.get(e)?.p.text.length;
  }

  protected get(e: Expr): O {
    const o = this.memo.get(e);
    if (o === undefined) throw new Error(`${this.name}: child rendered after parent`);
    return o;
  }

  /** A rendering in an operand position that requires `required`: parenthesized when it binds more loosely. */
  protected operand(o: O, required: Prec): O {
    return needsParens(o.prec, required) ? this.paren(o) : o;
  }
}

/**
 * The measurements of mlpWork.test.ts, in a child process of their own (a 512-layer MLP with its steps
 * makes ~10⁵ nodes; the unit suite shares one hash-consing table): the MLP loss ‖tanh(W_L … tanh(W₁x)) − y‖²
 * by W₁ (bench/families.ts mlpRequest, through the plain reader), at each of SIZES layers, every stage
 * of derive() apart — read, differentiate, present, write the input, the result's binding form (bind
 * the shared parts, write them), the equation, the index form (or, past its
 * bound, the attempt that finds there is none), the steps — and derive() whole, with
 * and without its steps. For each stage: its work (checkpoints, ../checkpoints.ts counted), the nodes
 * it asked of the hash-consing table (found or made) and the nodes it made. Each size starts from an
 * empty table, so no size finds the nodes of another. `node mlpWorkProbe.js` prints
 * { 'stage: measure': [value at each of SIZES] } as JSON.
 */
import { mlpRequest } from '../../../bench/families';
import type { DeriveRequest } from '../../../src/core/api';
import { differentiate } from '../../../src/core/calculus/derive';
import { derivationSteps } from '../../../src/core/derivation/index';
import { derive } from '../../../src/core/index';
import { internTableLookups, internTableSize, resetInternTable } from '../../../src/core/model/expr';
import { bindShared, treeIsLarge, writeBound } from '../../../src/core/present/bindings';
import { derivativeLatex } from '../../../src/core/present/notation';
import { dimensionsOf, prepare, present, render } from '../../../src/core/service';
import { indexFormOf, NoIndexForm } from '../../../src/core/tensor/index';
import { counted } from '../checkpoints';

export const SIZES = [64, 128, 256, 512] as const;

type Series = Record<string, number[]>;

/** `run` counted: its work, the nodes it asked of the table and those it made, added to `series` under `stage`. */
function stage<T>(series: Series, stage: string, run: () => T): T {
  const [asked, made] = [internTableLookups(), internTableSize()];
  const { value, work } = counted(run);
  const add = (measure: string, n: number): void => void (series[`${stage}: ${measure}`] ??= []).push(n);
  add('work', work);
  add('nodes asked', (internTableLookups() - asked) | 0);
  add('nodes made', internTableSize() - made);
  return value;
}

function fail(what: string): never {
  throw new Error(what);
}

/** Every stage of derive() on the MLP of `layers` layers, apart, then derive() whole. */
function measureStages(series: Series, layers: number): void {
  resetInternTable();
  const req: DeriveRequest = { ...mlpRequest(layers), timeLimitMs: 600_000 };
  const p = stage(series, 'read', () => prepare(req));
  if (!p.ok) fail(`read: ${p.error.code} ${p.error.message}`);
  const { f, wrt } = p.value;
  const d = stage(series, 'differentiate', () => differentiate(f, wrt, 1));
  const shown = stage(series, 'present', () => present(d, 'mixed'));
  const dimensions = dimensionsOf(f);
  const input = stage(series, 'write the input', () => render(f, treeIsLarge(f), undefined, dimensions));
  if (!treeIsLarge(shown)) fail(`${layers} layers: the result is not written in the binding form`);
  const bound = stage(series, 'bind the shared parts', () => bindShared(shown, dimensions));
  const written = stage(series, 'write the binding form', () => writeBound(bound));
  stage(series, 'the equation', () => derivativeLatex(d, 'mixed', written.latex, input.latex));
  // As derive() asked for it (form: 'index'): past MAX_INDEX_NODES, why there is none (its attempt's work).
  stage(series, 'the index form', () => {
    try {
      return indexFormOf(d);
    } catch (e) {
      if (e instanceof NoIndexForm) return e.message;
      throw e;
    }
  });
  stage(series, 'the steps', () => derivationSteps(f, wrt, 1, 'mixed', 'full', { present }));
  resetInternTable();
  const whole = stage(series, 'derive()', () => derive(req));
  if (!whole.ok) fail(`derive(): ${whole.error.code} ${whole.error.message}`);
  resetInternTable();
  const withSteps = stage(series, 'derive() with steps', () => derive({ ...req, steps: true }));
  if (!withSteps.ok) fail(`derive() with steps: ${withSteps.error.code} ${withSteps.error.message}`);
}

export function measure(): Series {
  // One small MLP first, unrecorded: the first index form builds tables it keeps (a fixed cost).
  measureStages({}, 16);
  const series: Series = {};
  for (const layers of SIZES) measureStages(series, layers);
  return series;
}

if (require.main === module) process.stdout.write(JSON.stringify(measure()));

/**
 * What the benchmark imports from the math core, bundled by esbuild (bench/lib/build.mjs): the
 * public entry point and, for result sizes (Expr node counts) and the deep MLP, the internal
 * pipeline steps that derive() runs — read → differentiate → present → render (renderDerivative:
 * every form an answer writes, for bench/write-ab.mjs) — plus the scaling families.
 */
export { derive } from '../src/core/index';
export { readExpression } from '../src/core/read';
export { differentiate } from '../src/core/calculus/derive';
export { present, render, prepare, renderDerivative } from '../src/core/service';
export { postorder, resetInternTable } from '../src/core/model/expr';
export { FAMILIES, MLP_TEXT_MAX_LAYERS, mlpExpr, mlpRequest } from './families';
export { fitExponent } from './growth';
export { deriveExpr, deriveStages } from './pipeline';

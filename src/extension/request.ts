/**
 * The one place a DeriveRequest is built from the settings (commands, the panel's switches, the
 * hover, follow-selection, CodeLens), and the panel's copy of it. Pure: no `vscode` import.
 */
import type { DeriveRequest, Granularity, Layout, Notation } from '../core/api';
import type { PanelRequest } from '../shared/protocol';
import type { Settings } from './settings';

/** What is derived: the expression, its notation and its declarations. */
export interface RequestSource {
  readonly expr: string;
  readonly from?: Notation | 'auto';
  readonly where?: string;
}

/** How it is derived; anything left out comes from the settings (or the core's default). */
export interface RequestOptions {
  readonly wrt?: readonly string[];
  readonly order?: 1 | 2;
  readonly layout?: Layout;
  readonly steps?: boolean;
  readonly granularity?: Granularity;
  /** Check numerically: true/false, or 'setting' for `matrixCalculus.numericCheck.enabled`. */
  readonly check?: boolean | 'setting';
}

export function requestFor(settings: Settings, source: RequestSource, options: RequestOptions = {}): DeriveRequest {
  return {
    expr: source.expr,
    from: source.from ?? 'auto',
    where: source.where,
    wrt: options.wrt,
    order: options.order ?? 1,
    layout: options.layout ?? settings.layout,
    steps: options.steps ?? false,
    granularity: options.granularity ?? settings.steps.granularity,
    check: options.check === 'setting' ? settings.numericCheck.enabled : (options.check ?? false),
  };
}

/** The panel's copy of a request (what its switches derive again), with the variables the core chose. */
export function panelRequest(req: DeriveRequest, wrt: readonly string[]): PanelRequest {
  return {
    expr: req.expr,
    from: req.from ?? 'auto',
    wrt,
    where: req.where,
    order: req.order ?? 1,
    layout: req.layout ?? 'numerator',
    granularity: req.granularity ?? 'full',
    check: req.check ?? false,
  };
}

/** A panel request derived again, with steps (what the panel shows). */
export function fromPanelRequest(request: PanelRequest): DeriveRequest {
  return { ...request, steps: true };
}

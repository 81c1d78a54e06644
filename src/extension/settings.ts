/**
 * The extension's settings (`matrixCalculus.*`) as one typed, validated object. Pure: the reader
 * is passed in (config.ts gives it VS Code's configuration), so parsing is unit-tested in Node.
 * A value of the wrong type or out of range falls back to the default: a typo in settings.json
 * never breaks a command.
 */
import type { Granularity, Layout } from '../core/api';
import { GRANULARITIES, LAYOUTS, isOneOf } from '../shared/vocabulary';

export type HoverVariables = 'first' | 'each';
/** How undeclared symbols get shapes: the core's letter conventions, or all scalars. */
export type ShapeConvention = 'letters' | 'scalars';

export interface Settings {
  readonly layout: Layout;
  readonly hover: {
    readonly enabled: boolean;
    readonly languages: readonly string[];
    readonly variables: HoverVariables;
    readonly maxVariables: number;
  };
  readonly defaultShapeConvention: ShapeConvention;
  readonly numericCheck: { readonly enabled: boolean };
  readonly steps: { readonly granularity: Granularity };
  readonly panel: { readonly followSelection: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  layout: 'numerator',
  hover: {
    enabled: true,
    languages: ['markdown', 'latex', 'python', 'matcalc', 'plaintext'],
    variables: 'first',
    maxVariables: 3,
  },
  defaultShapeConvention: 'letters',
  numericCheck: { enabled: true },
  steps: { granularity: 'full' },
  panel: { followSelection: false },
};

/** The setting keys (below `matrixCalculus.`) that this module reads. */
export const SETTING_KEYS = [
  'layout',
  'hover.enabled',
  'hover.languages',
  'hover.variables',
  'hover.maxVariables',
  'defaultShapeConvention',
  'numericCheck.enabled',
  'steps.granularity',
  'panel.followSelection',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return isOneOf(value, allowed) ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

function languageIds(value: unknown, fallback: readonly string[]): readonly string[] {
  if (!Array.isArray(value)) return fallback;
  return value.filter((v): v is string => typeof v === 'string' && /^[\w.+-]{1,64}$/.test(v));
}

/** Settings from a reader of raw values (`undefined` for unset keys). */
export function parseSettings(get: (key: SettingKey) => unknown): Settings {
  const d = DEFAULT_SETTINGS;
  return {
    layout: oneOf(get('layout'), LAYOUTS, d.layout),
    hover: {
      enabled: bool(get('hover.enabled'), d.hover.enabled),
      languages: languageIds(get('hover.languages'), d.hover.languages),
      variables: oneOf(get('hover.variables'), ['first', 'each'] as const, d.hover.variables),
      maxVariables: intIn(get('hover.maxVariables'), 1, 10, d.hover.maxVariables),
    },
    defaultShapeConvention: oneOf(get('defaultShapeConvention'), ['letters', 'scalars'] as const, d.defaultShapeConvention),
    numericCheck: { enabled: bool(get('numericCheck.enabled'), d.numericCheck.enabled) },
    steps: { granularity: oneOf(get('steps.granularity'), GRANULARITIES, d.steps.granularity) },
    panel: { followSelection: bool(get('panel.followSelection'), d.panel.followSelection) },
  };
}

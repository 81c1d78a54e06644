/**
 * What the variable QuickPick's Enter (or OK) accepts. The pick allows several scalars to be checked
 * (they are stacked), with the first variable checked by default; VS Code's many-pick accepts the
 * checked rows, so typing `w` (or moving to it with the arrows) and pressing Enter would take the
 * default instead. As in any single pick, the highlighted row wins unless the user changed the
 * checks by hand. Pure: no `vscode` import.
 */
export interface PickState {
  /** The names checked when the pick opened. */
  readonly initial: readonly string[];
  /** The names checked now. */
  readonly checked: readonly string[];
  /** The highlighted row's name (undefined when the filter hides every row). */
  readonly active: string | undefined;
}

export function acceptedVariables(state: PickState): readonly string[] {
  const changed = state.checked.length !== state.initial.length || state.checked.some((n) => !state.initial.includes(n));
  if (changed || state.active === undefined) return state.checked;
  return [state.active];
}

/**
 * The row a typed filter goes to: VS Code's many-pick filters the rows but highlights none, so the
 * pick highlights this one itself — the name equal to what was typed, else the first that starts
 * with it, else the first that contains it (case-insensitive); undefined for an empty filter or no
 * match.
 */
export function rowForFilter(value: string, names: readonly string[]): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const lower = v.toLowerCase();
  return names.find((n) => n === v) ?? names.find((n) => n.toLowerCase() === lower) ?? names.find((n) => n.toLowerCase().startsWith(lower)) ?? names.find((n) => n.toLowerCase().includes(lower));
}

/**
 * A table looked up by what the user wrote (a function name, a LaTeX command, a declaration's kind
 * word): a copy without a prototype, so that `constructor`, `toString` or `__proto__` find nothing.
 * An object literal answers them from Object.prototype, and a reader took the answer for an entry:
 * `\constructor{x}` read as a variable named after Object's source, `np.sum(x).toString()` threw
 * a TypeError, `x: constructor` declared a matrix.
 */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * A pure function's results, remembered for the arguments seen last: a bounded table, emptied when
 * full, so memory stays bounded over any number of calls. Only for functions of immutable
 * arguments (texts, expression nodes) whose results their users never modify (read-only types);
 * `remember` says which arguments are kept (all by default); a call that throws remembers nothing.
 */
export function memoRecent<K, T>(compute: (key: K) => T, capacity: number, remember: (key: K) => boolean = () => true): (key: K) => T {
  const table = new Map<K, T>();
  return (key: K): T => {
    if (!remember(key)) return compute(key);
    const found = table.get(key);
    if (found !== undefined) return found;
    const value = compute(key);
    if (table.size >= capacity) table.clear();
    table.set(key, value);
    return value;
  };
}

/**
 * memoRecent for a function of several arguments, remembered by a key made of them (`keyOf`: equal
 * keys ⇔ equal results, e.g. the ids of expression nodes).
 */
export function memoRecentBy<A extends readonly unknown[], K, T>(compute: (...args: A) => T, keyOf: (...args: A) => K, capacity: number): (...args: A) => T {
  let pending: A | undefined;
  const byKey = memoRecent((_: K) => compute(...(pending as A)), capacity);
  return (...args: A): T => {
    pending = args;
    return byKey(keyOf(...args));
  };
}

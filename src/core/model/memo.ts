/**
 * A pure function's results, remembered for the arguments seen last: a bounded table, emptied when
 * full, so memory stays bounded over any number of calls. Only for functions of immutable
 * arguments (texts, expression nodes) whose results their users never modify (read-only types);
 * `remember` says which arguments are kept (all by default); a call that throws remembers nothing.
 */
export function memoRecent<K, T>(compute: (key: K) => T, capacity: number, remember: (key: K) => boolean = () => true): (key: K) => T {
  if (capacity <= SMALL_TABLE) return memoRecentSmall(compute, capacity, remember);
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
 * Tables of at most this many entries are searched in a list instead of a Map. A Map hashes its key
 * at every look-up (an object's identity hash, a number's bits) and its table is cold in a request
 * that walks most of the core; the last few roots of `postorder` (8), the last two expressions whose
 * sizes of constants were found (2), the last derivatives (8) are compared in a few steps. This is
 * memoRecent's own logic on two lists: the same keys remembered, the same calls computed.
 */
const SMALL_TABLE = 8;

function memoRecentSmall<K, T>(compute: (key: K) => T, capacity: number, remember: (key: K) => boolean): (key: K) => T {
  const keys: K[] = [];
  const values: T[] = [];
  return (key: K): T => {
    if (!remember(key)) return compute(key);
    const at = keys.indexOf(key);
    if (at >= 0 && values[at] !== undefined) return values[at];
    const value = compute(key);
    // As Map.set after the clear when full: a key held (its value undefined, or added by `compute`) keeps its place.
    if (keys.length >= capacity) {
      keys.length = 0;
      values.length = 0;
    }
    const held = keys.indexOf(key);
    if (held >= 0) values[held] = value;
    else {
      keys.push(key);
      values.push(value);
    }
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

/**
 * A function of two arguments whose last `capacity` results are found by the identity of both (===),
 * in a ring: for arguments a request makes anew (a derivative, a parsed tree), which a WeakMap would
 * give an entry each (~1 µs of a ~0.2 ms request, `node --cpu-prof`). A call that throws remembers nothing.
 */
export function recentByIdentity<A, B, T>(compute: (a: A, b: B) => T, capacity: number): (a: A, b: B) => T {
  const entries: { readonly a: A; readonly b: B; readonly value: T }[] = [];
  let next = 0;
  return (a: A, b: B): T => {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.a === a && e.b === b) return e.value;
    }
    const value = compute(a, b);
    entries[next] = { a, b, value };
    next = (next + 1) % capacity;
    return value;
  };
}

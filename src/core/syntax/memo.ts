/**
 * Results of a pure function of a short text, remembered for the texts seen last. A batch or an
 * editor sends the same declarations (`where`) with request after request, and one request reads
 * its text more than once (notation detection, then the reader). Only for functions whose result
 * depends on the text alone and is never modified by its users (read-only types); a call that
 * throws remembers nothing. Bounded: at most `capacity` texts of at most `maxLength` characters
 * (the table is emptied when full), so memory stays bounded over any number of requests.
 */
export function memoByText<T>(compute: (text: string) => T, capacity = 64, maxLength = 4096): (text: string) => T {
  const table = new Map<string, T>();
  return (text: string): T => {
    if (text.length > maxLength) return compute(text);
    const found = table.get(text);
    if (found !== undefined) return found;
    const value = compute(text);
    if (table.size >= capacity) table.clear();
    table.set(text, value);
    return value;
  };
}

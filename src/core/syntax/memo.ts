import { memoRecent } from '../model/memo';

/**
 * Results of a pure function of a short text, remembered for the texts seen last. A batch or an
 * editor sends the same declarations (`where`) with request after request, and one request reads
 * its text more than once (notation detection, then the reader). Only for functions whose result
 * depends on the text alone and is never modified by its users (read-only types); a call that
 * throws remembers nothing. Bounded: at most `capacity` texts of at most `maxLength` characters
 * (the table is emptied when full), so memory stays bounded over any number of requests.
 */
export const memoByText = <T>(compute: (text: string) => T, capacity = 64, maxLength = 4096): ((text: string) => T) =>
  memoRecent(compute, capacity, (text) => text.length <= maxLength);

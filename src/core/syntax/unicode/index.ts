/** The Unicode math reader: what the product prints for terminals and hovers, read back. */
export { readUnicode } from './read';
export { UNICODE_MARKERS } from './translate';

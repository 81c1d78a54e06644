/** The part of yauzl 3's promise API (its README, "Using await") that test/harness/zip.ts uses. */
declare module 'yauzl' {
  import type { Readable } from 'node:stream';
  export interface Entry {
    readonly fileName: string;
    readonly uncompressedSize: number;
    readonly compressedSize: number;
  }
  export interface ZipFile {
    eachEntry(): AsyncIterable<Entry>;
    openReadStreamPromise(entry: Entry): Promise<Readable>;
    close(): void;
  }
  export function openPromise(path: string, options?: object): Promise<ZipFile>;
}

/** A ZIP archive's entries and contents (a VSIX is one), read with yauzl. */
import * as yauzl from 'yauzl';

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
}

/** Every entry of the archive, in the order of its central directory. */
export async function listZip(file: string): Promise<ZipEntry[]> {
  const zip = await yauzl.openPromise(file);
  const entries: ZipEntry[] = [];
  try {
    for await (const e of zip.eachEntry()) entries.push({ name: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize });
  } finally {
    zip.close();
  }
  return entries;
}

/** The contents of the entries `wanted` accepts (all by default), by name, in one pass over the archive. */
export async function readZip(file: string, wanted: (name: string) => boolean = () => true): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file);
  const files = new Map<string, Buffer>();
  try {
    for await (const e of zip.eachEntry()) {
      if (!wanted(e.fileName)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(e)) chunks.push(chunk as Buffer);
      files.set(e.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return files;
}

/** The contents of one entry; throws when the archive has no such entry. */
export async function readZipEntry(file: string, name: string): Promise<Buffer> {
  const data = (await readZip(file, (n) => n === name)).get(name);
  if (data === undefined) throw new Error(`${name} is not in ${file}`);
  return data;
}

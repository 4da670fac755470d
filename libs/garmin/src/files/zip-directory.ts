import { GarminError } from '../errors';

/** One file as a ZIP's central directory describes it: sizes as declared, which may be lies. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; nothing else is read. */
  method: number;
  compressedSize: number;
  declaredSize: number;
  /** CRC-32 of the uncompressed bytes, as declared. */
  crc32: number;
  encrypted: boolean;
  /** Where the local header starts: the data follows it. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const ZIP64_MARK = 0xffffffff;

const corrupt = (detail: string) => GarminError.protocol(`the activity file is not a readable ZIP: ${detail}`);

/** Little-endian reads that turn a read past the end into a typed error, not a RangeError. */
class Bytes {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  u16(at: number): number {
    if (at < 0 || at + 2 > this.data.length) throw corrupt('a record runs past the end');
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.data.length) throw corrupt('a record runs past the end');
    return this.view.getUint32(at, true);
  }
}

/**
 * Every entry of the central directory. `maxEntries` is enforced on the count the end record declares,
 * before any entry is read, so an archive that claims a million entries costs nothing to refuse.
 */
export function readDirectory(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  const bytes = new Bytes(zip);
  const end = findEndRecord(bytes);
  const count = bytes.u16(end + 10);
  const offset = bytes.u32(end + 16);
  if (count === 0xffff || offset === ZIP64_MARK) throw corrupt('Zip64 archives are not read (an activity file never needs one)');
  if (count > maxEntries) throw GarminError.unsafeArchive('entries', `it declares ${count} entries, more than ${maxEntries}`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (bytes.u32(at) !== CENTRAL) throw corrupt(`entry ${i} of the central directory is missing`);
    const nameLength = bytes.u16(at + 28);
    const skip = nameLength + bytes.u16(at + 30) + bytes.u16(at + 32);
    if (at + 46 + skip > zip.length) throw corrupt('a record runs past the end');
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: bytes.u16(at + 10),
      encrypted: (bytes.u16(at + 8) & 1) === 1,
      compressedSize: bytes.u32(at + 20),
      declaredSize: bytes.u32(at + 24),
      crc32: bytes.u32(at + 16),
      localOffset: bytes.u32(at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

/** The entry's compressed bytes, found through its local header (whose own name and extra lengths count). */
export function entryData(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const bytes = new Bytes(zip);
  if (bytes.u32(entry.localOffset) !== LOCAL) throw corrupt(`${entry.name} has no local header`);
  const start = entry.localOffset + 30 + bytes.u16(entry.localOffset + 26) + bytes.u16(entry.localOffset + 28);
  if (start + entry.compressedSize > zip.length) throw corrupt(`${entry.name} runs past the end`);
  return zip.subarray(start, start + entry.compressedSize);
}

/** The end-of-central-directory record: the last one, searched back over a comment of at most 64 KiB. */
function findEndRecord(bytes: Bytes): number {
  const last = bytes.data.length - EOCD_MIN;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes.u32(at) === EOCD) return at;
  }
  throw corrupt('no end-of-central-directory record');
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** ZIP's CRC-32, written out because node:zlib's crc32 arrived only in Node 20.15 and engines says >=20. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

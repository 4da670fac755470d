import { Inflate } from 'fflate';
import { GarminError } from '../errors';
import { crc32, entryData, readDirectory, ZipEntry } from './zip-directory';

export interface ZipLimits {
  /** Entries in the archive, directories included. Garmin's ZIP holds one FIT file. */
  maxEntries: number;
  /** Uncompressed bytes: the declared sizes summed, and the inflated bytes of the file taken out. */
  maxUncompressedBytes: number;
  /** Uncompressed to compressed, per entry; FIT data compresses about 3:1, a bomb over 1000:1. */
  maxRatio: number;
  /** Entries this small are exempt from the ratio: a few KiB of zeros is harmless however well it packs. */
  ratioExemptBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 16, maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 200, ratioExemptBytes: 1024 * 1024 };

export interface ExtractedFile {
  /** The entry's name in the archive. */
  name: string;
  /** `fit`, else the name's extension, else `bin`. */
  format: string;
  data: Buffer;
}

/** Compressed bytes handed to the inflater at a time: bounds what one step can produce (~1032× this). */
const STEP = 4096;

/**
 * The original FIT file from the ZIP Garmin's download service sends (its first `.fit` entry, else its
 * first file), or null when it holds no file. Every limit is checked on the central directory before
 * anything is inflated, then again while inflating, since the declared sizes are the sender's word:
 * inflation stops once it passes the declared size, and a file of any other size than declared is refused.
 * Throws GARMIN_UNSAFE_ARCHIVE for a limit, GARMIN_PROTOCOL for an archive that cannot be read.
 */
export function extractFitFile(zip: Uint8Array, limits: Partial<ZipLimits> = {}): ExtractedFile | null {
  const limit = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const entries = readDirectory(zip, limit.maxEntries);
  let declaredTotal = 0;
  for (const entry of entries) {
    declaredTotal += entry.declaredSize;
    if (declaredTotal > limit.maxUncompressedBytes) {
      throw GarminError.unsafeArchive('size', `its entries declare more than ${limit.maxUncompressedBytes} bytes uncompressed`);
    }
    checkRatio(entry, entry.declaredSize, entry.compressedSize, limit);
  }
  const files = entries.filter((e) => !e.name.endsWith('/'));
  const entry = files.find((e) => e.name.toLowerCase().endsWith('.fit')) ?? files[0];
  if (!entry) return null;
  return { name: entry.name, format: formatOf(entry.name), data: contentOf(zip, entry) };
}

function contentOf(zip: Uint8Array, entry: ZipEntry): Buffer {
  if (entry.encrypted) throw GarminError.protocol(`${entry.name} in the activity file is encrypted`);
  const packed = entryData(zip, entry);
  if (entry.method !== 0 && entry.method !== 8) throw GarminError.protocol(`${entry.name} in the activity file uses compression method ${entry.method}`);
  if (entry.method === 0 && entry.compressedSize !== entry.declaredSize) throw lied(entry, entry.compressedSize);
  const data = entry.method === 0 ? Buffer.from(packed) : inflateWithin(packed, entry);
  // A damaged download would otherwise be stored as the user's original file.
  if (crc32(data) !== entry.crc32) throw GarminError.protocol(`${entry.name} in the activity file is damaged (its CRC-32 does not match)`);
  return data;
}

function inflateWithin(packed: Uint8Array, entry: ZipEntry): Buffer {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  // Stopping at the declared size is enough: it passed the size and ratio limits, and the compressed bytes
  // fed in are real ones, so what is produced can neither pass the size cap nor the ratio.
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > entry.declaredSize) throw lied(entry, produced, 'at least ');
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < packed.length || at === 0; at += STEP) {
      const to = Math.min(packed.length, at + STEP);
      inflater.push(packed.subarray(at, to), to >= packed.length);
    }
  } catch (error) {
    if (error instanceof GarminError) throw error;
    throw GarminError.protocol(`${entry.name} in the activity file does not inflate: ${(error as Error).message}`);
  }
  if (produced !== entry.declaredSize) throw lied(entry, produced);
  return Buffer.concat(chunks, produced);
}

function checkRatio(entry: ZipEntry, uncompressed: number, compressed: number, limit: ZipLimits): void {
  if (uncompressed <= limit.ratioExemptBytes || uncompressed <= compressed * limit.maxRatio) return;
  throw GarminError.unsafeArchive('ratio', `${entry.name} expands more than ${limit.maxRatio}:1 (${uncompressed} bytes from ${compressed})`);
}

const lied = (entry: ZipEntry, actual: number, atLeast = '') =>
  GarminError.unsafeArchive('declared_size', `${entry.name} declares ${entry.declaredSize} bytes but inflates to ${atLeast}${actual}`);

function formatOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.fit')) return 'fit';
  const dot = lower.lastIndexOf('.');
  return dot > 0 && dot > lower.lastIndexOf('/') ? lower.slice(dot + 1) : 'bin';
}

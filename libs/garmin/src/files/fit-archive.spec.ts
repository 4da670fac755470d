import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { zipSync } from 'fflate';
import { GarminErrorCode } from '../errors';
import { extractFitFile } from './fit-archive';
import { crc32 } from './zip-directory';

const fitLike = (size: number) => {
  const bytes = randomBytes(size);
  bytes.write('.FIT', 8, 'latin1');
  return new Uint8Array(bytes);
};

/** Rewrites what the central directory says of `name`'s uncompressed size: a lying archive. */
function declare(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let at = 0; at + 46 <= copy.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (Buffer.from(copy.subarray(at + 46, at + 46 + nameLength)).toString() === name) {
      view.setUint32(at + 24, size, true);
      return copy;
    }
  }
  throw new Error(`no ${name} in the central directory`);
}

const refused = (limit: string) => expect.objectContaining({ code: GarminErrorCode.UnsafeArchive, details: { limit } });

describe('extractFitFile', () => {
  // 20 MiB of zeros deflates to about 20 KiB: built once, it is the slow part.
  const bomb = zipSync({ 'bomb.fit': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });

  it('takes out the .fit entry, whatever else the archive holds', () => {
    const fit = fitLike(5000);
    const zip = zipSync({ 'readme.txt': new Uint8Array([1, 2, 3]), 'docs/': new Uint8Array(), '123_ACTIVITY.FIT': fit });
    const file = extractFitFile(zip);
    expect(file).toMatchObject({ name: '123_ACTIVITY.FIT', format: 'fit' });
    expect(Buffer.compare(file!.data, Buffer.from(fit))).toBe(0);
  });

  it('takes the first file when there is no .fit (stored, not deflated), and null from an empty archive', () => {
    const gpx = new TextEncoder().encode('<gpx/>');
    expect(extractFitFile(zipSync({ 'a.gpx': [gpx, { level: 0 }] }))).toMatchObject({ format: 'gpx', data: Buffer.from(gpx) });
    expect(extractFitFile(zipSync({}))).toBeNull();
    expect(extractFitFile(zipSync({ 'only/': new Uint8Array() }))).toBeNull();
  });

  it('refuses a ZIP bomb (20 MiB of zeros in a few KiB) on its declared ratio, before inflating', () => {
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => extractFitFile(bomb)).toThrow(refused('ratio'));
    expect(() => extractFitFile(bomb)).toThrow(/bomb\.fit expands more than 200:1/);
  });

  it('refuses a bomb that declares a small size: inflation stops once it passes the declared size', () => {
    const liar = declare(bomb, 'bomb.fit', 100_000);
    expect(() => extractFitFile(liar)).toThrow(refused('declared_size'));
    expect(() => extractFitFile(liar)).toThrow(/declares 100000 bytes but inflates to at least \d+/);
  });

  it('refuses an archive whose declared size is larger than what it holds', () => {
    const zip = declare(zipSync({ 'a.fit': fitLike(5000) }), 'a.fit', 6000);
    expect(() => extractFitFile(zip)).toThrow(refused('declared_size'));
    expect(() => extractFitFile(zip)).toThrow('a.fit declares 6000 bytes but inflates to 5000');
    const stored = declare(zipSync({ 'a.fit': [fitLike(5000), { level: 0 }] }), 'a.fit', 4000);
    expect(() => extractFitFile(stored)).toThrow(refused('declared_size'));
  });

  it('refuses more entries than allowed, from the count the archive declares', () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}.fit`, new Uint8Array([i])]));
    expect(() => extractFitFile(zipSync(many))).toThrow(refused('entries'));
    expect(() => extractFitFile(zipSync(many))).toThrow('it declares 17 entries, more than 16');
    expect(extractFitFile(zipSync(many), { maxEntries: 17 })).toMatchObject({ name: 'f0.fit' });
  });

  it('refuses declared sizes that sum past the cap, even when the file taken out is small', () => {
    const zip = zipSync({ 'a.fit': fitLike(1000), 'b.bin': randomBytes(3000) });
    expect(() => extractFitFile(zip, { maxUncompressedBytes: 3500 })).toThrow(refused('size'));
    expect(extractFitFile(zip, { maxUncompressedBytes: 4000 })).toMatchObject({ name: 'a.fit' });
  });

  it('leaves small, well-packed files alone: the ratio starts counting past its exemption', () => {
    const zeros = zipSync({ 'z.fit': new Uint8Array(512 * 1024) });
    expect(extractFitFile(zeros)?.data.length).toBe(512 * 1024);
    expect(() => extractFitFile(zeros, { ratioExemptBytes: 1024 })).toThrow(refused('ratio'));
  });

  it('computes ZIP’s CRC-32 as node:zlib does', () => {
    const data = randomBytes(10_000);
    expect(crc32(data)).toBe(zlib.crc32(data));
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('names an unreadable or damaged archive a protocol error', () => {
    const zip = zipSync({ 'a.fit': fitLike(2000) });
    expect(() => extractFitFile(new TextEncoder().encode('PK not a zip at all, not at all'))).toThrow(expect.objectContaining({ code: GarminErrorCode.Protocol }));
    expect(() => extractFitFile(zip.subarray(0, zip.length - 30))).toThrow(expect.objectContaining({ code: GarminErrorCode.Protocol }));
    const scrambled = zip.slice();
    scrambled.fill(0xff, 40, 200);
    expect(() => extractFitFile(scrambled)).toThrow(expect.objectContaining({ code: GarminErrorCode.Protocol }));
  });
});

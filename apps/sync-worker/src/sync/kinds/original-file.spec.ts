import { GarminErrorCode } from '@fittrack/garmin';
import { zipSync } from 'fflate';
import { originalFile } from './activities.syncer';

describe('originalFile', () => {
  it('takes the FIT file out of Garmin\'s ZIP', () => {
    const fit = Buffer.from('\x0e\x10\x00\x00\x00\x00\x00\x00.FIT payload', 'latin1');
    const zip = Buffer.from(zipSync({ '123_ACTIVITY.fit': new Uint8Array(fit) }));
    expect(originalFile(zip)).toEqual({ format: 'fit', data: fit });
  });

  it('refuses a ZIP bomb instead of inflating it', () => {
    const bomb = Buffer.from(zipSync({ 'a.fit': new Uint8Array(20 * 1024 * 1024) }, { level: 9 }));
    expect(() => originalFile(bomb)).toThrow(expect.objectContaining({ code: GarminErrorCode.UnsafeArchive }));
  });
});

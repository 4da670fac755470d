import { ActivityFileError } from '../activity-files.errors';
import { decodeFit } from './decode-fit';
import { expectedPoint, indoorFit, outdoorFit, recordsOf, START } from './fit-fixtures.test';

describe('decodeFit', () => {
  it('gives one point per record message, in degrees and metres, with the session’s sport and start', () => {
    const bytes = outdoorFit('cycling');
    const activity = decodeFit(1, bytes);
    const records = recordsOf(bytes);
    expect(activity.sport).toBe('cycling');
    expect(activity.startTime).toEqual(START);
    expect(activity.records).toEqual(records);
    expect(activity.points).toHaveLength(records.length);
    activity.points.forEach((point, i) => {
      const want = expectedPoint(records[i]);
      expect(point.time?.getTime()).toBe(want.time);
      expect(point.latitude ?? undefined).toBe(want.lat);
      expect(point.longitude ?? undefined).toBe(want.lon);
      expect(point.altitudeM).toBeCloseTo(want.ele as number, 6);
      expect(point.heartRate).toBe(want.hr);
      expect(point.cadence).toBe(want.cad);
    });
    expect(activity.laps.map((lap) => [lap.intensity, lap.trigger])).toEqual([
      ['active', 'distance'],
      ['rest', 'manual'],
    ]);
  });

  it('decodes the simulator’s file (no positions)', () => {
    const activity = decodeFit(1, indoorFit());
    expect(activity.points.every((p) => p.latitude === null && p.heartRate !== null)).toBe(true);
  });

  it.each([
    ['is no FIT at all', Buffer.from('<?xml version="1.0"?><gpx/>'), 'it has no FIT header'],
    ['is truncated', indoorFit().slice(0, 60), 'its CRC does not match'],
    ['has a damaged byte', Uint8Array.from(indoorFit(), (b, i) => (i === 40 ? b ^ 0xff : b)), 'its CRC does not match'],
  ])('refuses a file that %s with ACTIVITY_FILE_UNDECODABLE and the reason', (_what, bytes, reason) => {
    const refused = (() => {
      try {
        decodeFit(7, bytes);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ActivityFileError);
    expect(refused).toMatchObject({ code: 'ACTIVITY_FILE_UNDECODABLE', kind: 'unprocessable' });
    expect((refused as Error).message).toContain(`activity 7`);
    expect((refused as Error).message).toContain(reason);
  });
});

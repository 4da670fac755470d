import { Account } from '../state/accounts';
import { addDays, daysBetween } from './calendar';

/**
 * The account's devices and gear (profile records). Keys pgc reads: devices `deviceId, displayName,
 * productDisplayName, softwareVersion` (demo.py), gear `uuid, displayName, gearStatusName` (demo.py) and
 * `gearId`-style ids (tests); every other field is assumed.
 */

/** The watch every generated activity names (activities.ts: 3_400_000_000 + profileId mod 1e6). */
export const watchDeviceId = (account: Account) => 3_400_000_000 + (account.profileId % 1_000_000);

/** A date that stays put for the account (gear bought, device registered), well before any history. */
const anchoredDate = (account: Account, daysAfter: number) => addDays('2023-01-02', (account.profileId % 300) + daysAfter);

export function devices(account: Account) {
  const watch = {
    deviceId: watchDeviceId(account),
    unitId: watchDeviceId(account),
    displayName: 'Forerunner 965',
    productDisplayName: 'Forerunner 965',
    applicationKey: 'forerunner965',
    deviceTypePk: 36_210,
    partNumber: '006-B4315-00',
    serialNumber: `3${String(account.profileId).padStart(9, '0')}`,
    softwareVersion: '21.19',
    primaryActivityTrackerIndicator: true,
    registeredDate: Date.parse(`${anchoredDate(account, 0)}T10:00:00Z`),
    deviceStatus: 'active',
  };
  if (account.profileId % 2 === 1) return [watch];
  const strap = {
    ...watch,
    deviceId: watch.deviceId + 1_000_000,
    unitId: watch.deviceId + 1_000_000,
    displayName: 'HRM-Pro Plus',
    productDisplayName: 'HRM-Pro Plus',
    applicationKey: 'hrmproplus',
    deviceTypePk: 36_070,
    partNumber: '006-B4474-00',
    softwareVersion: '2.90',
    primaryActivityTrackerIndicator: false,
  };
  return [watch, strap];
}

export interface GearItem {
  uuid: string;
  displayName: string;
  gearTypeName: 'Shoes' | 'Bike';
  dateBegin: string;
  maximumMeters: number | null;
  gearStatusName: 'active' | 'retired';
}

function gearUuid(account: Account, index: number): string {
  return (account.profileId.toString(16).padStart(12, '0') + index.toString(16).padStart(4, '0')).padStart(32, 'a');
}

export function gearItems(account: Account): GearItem[] {
  const items: GearItem[] = [
    { uuid: gearUuid(account, 1), displayName: 'Road shoes', gearTypeName: 'Shoes', dateBegin: anchoredDate(account, 10), maximumMeters: 800_000, gearStatusName: 'retired' },
    { uuid: gearUuid(account, 2), displayName: 'Trail shoes', gearTypeName: 'Shoes', dateBegin: anchoredDate(account, 200), maximumMeters: 700_000, gearStatusName: 'active' },
  ];
  if (account.profileId % 2 === 0) {
    items.push({ uuid: gearUuid(account, 3), displayName: 'Road bike', gearTypeName: 'Bike', dateBegin: anchoredDate(account, 30), maximumMeters: null, gearStatusName: 'active' });
  }
  return items;
}

/** GET /gear-service/gear/filterGear?userProfilePk= */
export function gear(account: Account) {
  return gearItems(account).map((item, index) => ({
    gearPk: (account.profileId % 100_000) * 10 + index + 1,
    uuid: item.uuid,
    userProfilePk: account.profileId,
    gearMakeName: 'Other',
    gearModelName: 'Unknown',
    gearTypeName: item.gearTypeName,
    gearStatusName: item.gearStatusName,
    displayName: item.displayName,
    customMakeModel: item.displayName,
    imageNameLarge: null,
    imageNameMedium: null,
    imageNameSmall: null,
    dateBegin: `${item.dateBegin}T00:00:00.0`,
    dateEnd: item.gearStatusName === 'retired' ? `${addDays(item.dateBegin, 240)}T00:00:00.0` : null,
    maximumMeters: item.maximumMeters,
    notified: false,
    createDate: `${item.dateBegin}T09:00:00.0`,
    updateDate: `${item.dateBegin}T09:00:00.0`,
  }));
}

/** A date that moves on once every `periodDays` (a "latest" measurement Garmin renews now and then). */
export function periodStart(account: Account, today: string, periodDays: number): string {
  const t = daysBetween('2000-01-01', today);
  return addDays(today, -((t + account.profileId) % periodDays));
}

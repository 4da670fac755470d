import { UserView } from '@fittrack/contracts';

export interface UserRow {
  id: string;
  garmin_profile_id: string;
  display_name: string;
  created_at: Date;
}

export const toUserView = (row: UserRow): UserView => ({
  id: row.id,
  garminProfileId: Number(row.garmin_profile_id),
  displayName: row.display_name,
  createdAt: row.created_at.toISOString(),
});

/**
 * The fields of Connect answers we rely on. Answers carry many more, kept raw
 * by callers; the index signature keeps them reachable.
 */
export interface ActivitySummary {
  activityId: number;
  activityName: string;
  startTimeLocal: string;
  startTimeGMT: string;
  activityType: { typeId: number; typeKey: string };
  distance?: number | null;
  duration?: number | null;
  beginTimestamp: number;
  [key: string]: unknown;
}

export interface ActivityDetail {
  activityId: number;
  activityName: string;
  summaryDTO: Record<string, unknown>;
  [key: string]: unknown;
}

export interface DailySummary {
  calendarDate: string;
  totalSteps: number | null;
  [key: string]: unknown;
}

export interface Workout {
  workoutId: number;
  workoutName: string;
  [key: string]: unknown;
}

export interface SocialProfile {
  profileId: number;
  displayName: string;
  fullName?: string | null;
  [key: string]: unknown;
}

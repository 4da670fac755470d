import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { dotted } from './calendar';
import type { DayFacts } from './daily';
import { intBetween } from './random';

/** Recorded input contexts of training readiness entries (garth data/test_training_readiness_data_list.yaml). */
export type ReadinessContext = 'AFTER_WAKEUP_RESET' | 'AFTER_POST_EXERCISE_RESET' | 'UPDATE_REALTIME_VARIABLES';

export interface ReadinessEntry {
  context: ReadinessContext;
  atMs: number;
  score: number;
  recoveryTime: number;
}

/** The device id the simulator's watch has (as in the activity list entries). */
export const deviceIdOf = (account: Account) => 3_400_000_000 + (account.profileId % 1_000_000);

/**
 * The day's training readiness entries, newest first, as Garmin lists them: the morning one at wake-up
 * (score from sleep and HRV), one after each activity (lower), and the evening update (recorded order and
 * contexts: data/test_training_readiness_data_list.yaml #0, where the list is newest first by `timestamp` and
 * the update at 21:50 local follows the day's last exercise). So the update comes two hours before the day
 * ends, or half an hour after an activity that ends later than that: the list stays in time order.
 */
export function readinessEntries(day: DayFacts, activities: GeneratedActivity[]): ReadinessEntry[] {
  const random = day.stream('readiness');
  const wakeMs = day.sleepStartMs + day.sleepSeconds * 1000;
  let score = Math.max(10, Math.min(100, Math.round((day.sleepSeconds / 3600) * 9 + (day.hasHrv ? 15 : 0) + intBetween(random, -5, 5))));
  let recovery = intBetween(random, 0, 600);
  const entries: ReadinessEntry[] = [{ context: 'AFTER_WAKEUP_RESET', atMs: wakeMs, score, recoveryTime: recovery }];
  for (const a of activities) {
    if (a.startMs < wakeMs) continue;
    score = Math.max(1, score - Math.round(a.durationS / 180));
    recovery += Math.round(a.durationS / 4);
    entries.push({ context: 'AFTER_POST_EXERCISE_RESET', atMs: a.startMs + a.durationS * 1000 + 60_000, score, recoveryTime: recovery });
  }
  const updateMs = Math.max(day.dayEndMs - 2 * 3600_000, entries[entries.length - 1].atMs + 30 * 60_000);
  entries.push({ context: 'UPDATE_REALTIME_VARIABLES', atMs: updateMs, score: Math.min(100, score + 5), recoveryTime: Math.max(0, recovery - 300) });
  return entries.reverse();
}

const level = (score: number) => (score >= 75 ? 'HIGH' : score >= 50 ? 'MODERATE' : score >= 25 ? 'LOW' : 'POOR');

/** One element of GET /metrics-service/metrics/trainingreadiness/{date}, in the recorded shape. */
export function readinessJson(account: Account, day: DayFacts, entry: ReadinessEntry, sleepScore: number, hrvWeeklyAverage: number | null) {
  return {
    userProfilePK: account.profileId,
    calendarDate: day.date,
    timestamp: dotted(entry.atMs),
    timestampLocal: dotted(entry.atMs + day.offsetMs),
    deviceId: deviceIdOf(account),
    level: level(entry.score),
    feedbackLong: entry.score >= 50 ? 'MOD_RT_MOD_SS_GOOD_WORKOUT_COMPLETED' : 'LOW_RT_HIGH_SS_GOOD_OR_MOD',
    feedbackShort: entry.score >= 50 ? 'RECOVERY_IN_PROGRESS' : 'HIGH_RECOVERY_NEEDS',
    score: entry.score,
    sleepScore,
    sleepScoreFactorPercent: Math.min(100, sleepScore - 5),
    sleepScoreFactorFeedback: sleepScore >= 70 ? 'GOOD' : 'MODERATE',
    recoveryTime: entry.recoveryTime,
    recoveryTimeFactorPercent: Math.max(0, 100 - Math.round(entry.recoveryTime / 40)),
    recoveryTimeFactorFeedback: entry.recoveryTime < 1000 ? 'GOOD' : 'MODERATE',
    acwrFactorPercent: 70,
    acwrFactorFeedback: 'GOOD',
    acuteLoad: 400 + (day.steps % 200),
    stressHistoryFactorPercent: 100 - day.avgStress,
    stressHistoryFactorFeedback: 'GOOD',
    hrvFactorPercent: hrvWeeklyAverage === null ? 0 : 99,
    hrvFactorFeedback: hrvWeeklyAverage === null ? 'NONE' : 'GOOD',
    hrvWeeklyAverage,
    sleepHistoryFactorPercent: 80,
    sleepHistoryFactorFeedback: 'GOOD',
    validSleep: true,
    inputContext: entry.context,
    primaryActivityTracker: true,
    recoveryTimeChangePhrase: entry.context === 'AFTER_WAKEUP_RESET' ? 'NO_CHANGE_SLEEP' : entry.context === 'AFTER_POST_EXERCISE_RESET' ? 'NEW_EXERCISE' : null,
    sleepHistoryFactorFeedbackPhrase: null,
    hrvFactorFeedbackPhrase: null,
    stressHistoryFactorFeedbackPhrase: null,
    acwrFactorFeedbackPhrase: null,
    recoveryTimeFactorFeedbackPhrase: null,
    sleepScoreFactorFeedbackPhrase: null,
  };
}

/** The morning entry, as garth picks it (data/morning_training_readiness.py: inputContext AFTER_WAKEUP_RESET). */
export const morningEntry = (entries: ReadinessEntry[]) => entries.find((e) => e.context === 'AFTER_WAKEUP_RESET');

/** Garmin's training status codes as the recordings show them (4 productive, 5 maintaining?, 7 …): the day's code. */
export function trainingStatusCode(day: DayFacts): number {
  const random = day.stream('training-status');
  return [1, 4, 5, 7, 7, 4][Math.floor(random() * 6)];
}

/** Days the day's training status has held (assumed 0-20). */
export const trainingStatusAge = (day: DayFacts) => Math.floor(day.stream('training-status-age')() * 21);

/** The day's acute and chronic load (recorded fields of acuteTrainingLoadDTO, stats/test_weekly_training_status.yaml). */
function loads(day: DayFacts) {
  const random = day.stream('training-load');
  const acute = intBetween(random, 150, 600);
  const chronic = intBetween(random, 150, 450);
  return { acute, chronic };
}

/** One reportData entry of the training status endpoints (weekly, monthly, latest), for the account's watch. */
export function trainingStatusEntry(account: Account, day: DayFacts) {
  const { acute, chronic } = loads(day);
  const ratio = Math.round((acute / chronic) * 10) / 10;
  return {
    calendarDate: day.date,
    sinceDate: null,
    weeklyTrainingLoad: null,
    trainingStatus: trainingStatusCode(day),
    timestamp: day.dayStartMs + 20 * 3600_000,
    deviceId: deviceIdOf(account),
    loadTunnelMin: null,
    loadTunnelMax: null,
    loadLevelTrend: null,
    sport: 'RUNNING',
    subSport: 'GENERIC',
    fitnessTrendSport: 'RUNNING',
    fitnessTrend: 2,
    trainingStatusFeedbackPhrase: 'MAINTAINING_2',
    trainingPaused: false,
    acuteTrainingLoadDTO: {
      acwrPercent: Math.min(100, Math.round(ratio * 40)),
      acwrStatus: ratio > 1.5 ? 'HIGH' : 'OPTIMAL',
      acwrStatusFeedback: 'FEEDBACK_2',
      dailyTrainingLoadAcute: acute,
      maxTrainingLoadChronic: chronic * 1.5,
      minTrainingLoadChronic: chronic * 0.8,
      dailyTrainingLoadChronic: chronic,
      dailyAcuteChronicWorkloadRatio: ratio,
    },
    primaryTrainingDevice: true,
  };
}

/** The account's VO2 max on a day (the training status answers' vo2Max statistics). */
export function vo2Max(account: Account, day: DayFacts): number {
  return 40 + (account.profileId % 10) + Math.floor(day.stream('vo2')() * 3);
}

/** Recorded: GET /metrics-service/metrics/endurancescore?calendarDate= (garth data/test_garmin_scores_data_get.yaml #3). */
export function enduranceScore(day: DayFacts): number {
  return 4000 + Math.round(day.stream('endurance')() * 3000);
}

/** Recorded: GET /metrics-service/metrics/hillscore?calendarDate= (same cassette, #2). */
export function hillScore(day: DayFacts): { overall: number; strength: number; endurance: number } {
  const random = day.stream('hill');
  const strength = intBetween(random, 1, 40);
  const endurance = intBetween(random, 5, 50);
  return { overall: Math.round((strength + endurance) / 2) + 5, strength, endurance };
}

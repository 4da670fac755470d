import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { activityTypeDto } from './activity-types';
import { hasDistance, indoorSummary } from './sport-keys';
import detailTemplate from './templates/activity-detail.json';

/** What the account changed on an activity (PUT /activity-service/activity/{id}). */
export interface ActivityChanges {
  activityName?: string;
  description?: string | null;
}

/** GET /activity-service/activity/{id}, in the recorded shape (connect/activity_get.yaml; indoor: data/test_activity_update_*.yaml). */
export function activityDetail(account: Account, activity: GeneratedActivity, changes: ActivityChanges = {}) {
  const template = structuredClone(detailTemplate);
  const summary = activity.summary;
  const timing = {
    startTimeLocal: String(summary['startTimeLocal']).replace(' ', 'T') + '.0',
    startTimeGMT: String(summary['startTimeGMT']).replace(' ', 'T') + '.0',
    duration: activity.durationS,
    movingDuration: summary['movingDuration'],
    elapsedDuration: summary['elapsedDuration'],
    calories: activity.calories,
    averageHR: activity.averageHr,
    maxHR: activity.maxHr,
    steps: activity.steps,
  };
  const summaryDTO = hasDistance(activity.kind)
    ? { ...template.summaryDTO, ...timing, distance: activity.distanceM, averageSpeed: summary['averageSpeed'] }
    : {
        ...structuredClone(indoorSummary),
        ...timing,
        minActivityLapDuration: activity.durationS,
        activeSets: summary['activeSets'],
        // Recorded: the watch's temperature on the indoor detail of garth test_delete.yaml #0.
        averageTemperature: 27.0,
        maxTemperature: 29.0,
        minTemperature: 25.0,
      };
  const detail: Record<string, unknown> = {
    ...template,
    activityId: activity.activityId,
    activityUUID: { uuid: `00000000-0000-4000-8000-${String(activity.activityId).padStart(12, '0').slice(-12)}` },
    activityName: changes.activityName ?? activity.name,
    userProfileId: account.profileId,
    activityTypeDTO: { ...template.activityTypeDTO, ...activityTypeDto(activity.kind) },
    timeZoneUnitDTO: { ...template.timeZoneUnitDTO, timeZone: account.timeZone },
    metadataDTO: {
      ...template.metadataDTO,
      fileFormat: { formatId: 7, formatKey: 'fit' },
      uploadedDate: summary['endTimeGMT'],
      // Recorded: null on both recorded details that have them (garth test_delete.yaml #0).
      curatedCourseId: null,
      matchedCuratedCourseId: null,
      lastUpdateDate: summary['endTimeGMT'],
    },
    summaryDTO,
    locationName: summary['locationName'],
  };
  // Recorded: an indoor session has no location or splits (data/test_activity_update_*.yaml).
  if (!hasDistance(activity.kind)) {
    delete detail['locationName'];
    delete detail['splitSummaries'];
  }
  // Recorded: the detail carries `description` once one was set (data/test_activity_update_*.yaml #1).
  if (changes.description !== undefined) detail['description'] = changes.description;
  return detail;
}

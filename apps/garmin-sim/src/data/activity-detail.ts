import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { activityTypeDto } from './activity-types';
import detailTemplate from './templates/activity-detail.json';

/** GET /activity-service/activity/{id}, in the recorded shape. */
export function activityDetail(account: Account, activity: GeneratedActivity) {
  const template = structuredClone(detailTemplate);
  const summary = activity.summary;
  return {
    ...template,
    activityId: activity.activityId,
    activityUUID: { uuid: `00000000-0000-4000-8000-${String(activity.activityId).padStart(12, '0').slice(-12)}` },
    activityName: activity.name,
    userProfileId: account.profileId,
    activityTypeDTO: { ...template.activityTypeDTO, ...activityTypeDto(activity.kind) },
    timeZoneUnitDTO: { ...template.timeZoneUnitDTO, timeZone: account.timeZone },
    metadataDTO: {
      ...template.metadataDTO,
      fileFormat: { formatId: 7, formatKey: 'fit' },
      uploadedDate: summary['endTimeGMT'],
      lastUpdateDate: summary['endTimeGMT'],
    },
    summaryDTO: {
      ...template.summaryDTO,
      startTimeLocal: summary['startTimeLocal'],
      startTimeGMT: summary['startTimeGMT'],
      distance: activity.distanceM,
      duration: activity.durationS,
      movingDuration: summary['movingDuration'],
      elapsedDuration: summary['elapsedDuration'],
      averageSpeed: summary['averageSpeed'],
      calories: activity.calories,
      averageHR: activity.averageHr,
      maxHR: activity.maxHr,
      steps: activity.steps,
    },
    locationName: summary['locationName'],
  };
}

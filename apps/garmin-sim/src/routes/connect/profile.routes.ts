import type { FastifyInstance } from 'fastify';
import profileTemplate from '../../data/templates/social-profile.json';
import settingsTemplate from '../../data/templates/user-settings.json';
import { SimState } from '../../state/sim-state';
import { accountFor, sendGarmin } from './helpers';

/** Social profile and user settings, for the Bearer's own account. */
export async function registerProfileRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/userprofile-service/socialProfile', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    // Recorded: garth test_username.yaml & co. (`application/json;charset=UTF-8`; some recordings say bare
    // `application/json`), `hasPremiumSocialIcon` (test_telemetry_enabled_request.yaml), decimal speeds.
    return sendGarmin(reply, 'application/json;charset=UTF-8', {
      ...profileTemplate,
      hasPremiumSocialIcon: false,
      id: account.profileId,
      profileId: account.profileId,
      garminGUID: `00000000-0000-4000-8000-${String(account.profileId).padStart(12, '0')}`,
      displayName: account.displayName,
      fullName: account.fullName,
      userName: account.displayName,
      userProfileFullName: account.fullName,
      location: 'Simulated City',
      profileImageUuid: `00000000-0000-4000-8000-${String(account.profileId).padStart(12, '0')}`,
    }, 'GET /userprofile-service/socialProfile');
  });

  for (const path of ['/userprofile-service/userprofile/user-settings', '/userprofile-service/userprofile/user-settings/']) {
    app.get(path, async (request, reply) => {
      const account = accountFor(state, request, reply);
      if (!account) return reply;
      // Recorded: garth test_user_settings.yaml (`application/json;charset=UTF-8`, weight/height as decimals).
      return sendGarmin(reply, 'application/json;charset=UTF-8', { ...settingsTemplate, id: account.profileId }, 'GET /userprofile-service/userprofile/user-settings');
    });
  }
}

import type { FastifyInstance } from 'fastify';
import profileTemplate from '../../data/templates/social-profile.json';
import settingsTemplate from '../../data/templates/user-settings.json';
import { SimState } from '../../state/sim-state';
import { accountFor } from './helpers';

/** Social profile and user settings, for the Bearer's own account. */
export async function registerProfileRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/userprofile-service/socialProfile', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    return reply.type('application/json').send({
      ...profileTemplate,
      id: account.profileId,
      profileId: account.profileId,
      garminGUID: `00000000-0000-4000-8000-${String(account.profileId).padStart(12, '0')}`,
      displayName: account.displayName,
      fullName: account.fullName,
      userName: account.displayName,
      userProfileFullName: account.fullName,
      location: null,
      profileImageUuid: null,
    });
  });

  for (const path of ['/userprofile-service/userprofile/user-settings', '/userprofile-service/userprofile/user-settings/']) {
    app.get(path, async (request, reply) => {
      const account = accountFor(state, request, reply);
      if (!account) return reply;
      return reply.type('application/json').send({ ...settingsTemplate, id: account.profileId });
    });
  }
}

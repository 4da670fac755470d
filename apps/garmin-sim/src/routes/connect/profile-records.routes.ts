import type { FastifyInstance } from 'fastify';
import { heartRateZones, latestCyclingFtp, latestLactateThreshold, powerToWeight } from '../../data/biometrics';
import { isCalendarDate } from '../../data/calendar';
import { devices, gear } from '../../data/equipment';
import { personalRecords } from '../../data/personal-records';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest } from './helpers';
import { Params, sendJson } from './answers';

/** The profile records: devices, gear, personal records, heart-rate zones, lactate threshold, FTP. */
export async function registerProfileRecordRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/device-service/deviceregistration/devices', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    return sendJson(reply, devices(account));
  });

  /** `userProfilePk` is required and must be the Bearer's own (assumed: as a foreign `{dn}` answers 403). */
  app.get('/gear-service/gear/filterGear', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const pk = (request.query as Params)['userProfilePk'];
    if (!pk || !/^\d+$/.test(pk)) return badRequest(reply, 'userProfilePk must be a profile id');
    if (Number(pk) !== account.profileId) return reply.code(403).type('application/json').send({ message: 'Forbidden', error: 'AccessDenied' });
    return sendJson(reply, gear(account));
  });

  app.get('/personalrecord-service/personalrecord/prs/:dn', async (request, reply) => {
    const account = accountFor(state, request, reply, (request.params as Params)['dn']);
    if (!account) return reply;
    return sendJson(reply, personalRecords(account, state.data.activities(account).newestFirst));
  });

  app.get('/biometric-service/heartRateZones', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    return sendJson(reply, heartRateZones(account));
  });

  app.get('/biometric-service/biometric/latestLactateThreshold', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    return sendJson(reply, latestLactateThreshold(account, state.data.today(account)));
  });

  /** pgc passes today's date and `sport=Running`; the date only has to be one. */
  app.get('/biometric-service/biometric/powerToWeight/latest/:date', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    if (!isCalendarDate((request.params as Params)['date'])) return badRequest(reply, 'date must be YYYY-MM-DD');
    return sendJson(reply, powerToWeight(account, state.data.today(account)));
  });

  app.get('/biometric-service/biometric/latestFunctionalThresholdPower/CYCLING', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    return sendJson(reply, latestCyclingFtp(account, state.data.today(account)));
  });
}

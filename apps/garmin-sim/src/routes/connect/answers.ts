import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate } from '../../data/calendar';
import { DayFacts } from '../../data/daily';
import { GeneratedActivity } from '../../data/activities';
import { Account } from '../../state/accounts';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, notFound } from './helpers';

/** Shared by the routes of the generated (unrecorded) kinds. */

export type Params = Record<string, string | undefined>;

/** Connect's JSON content type (recorded: garth test_put.yaml and every data cassette). */
export const JSON_TYPE = 'application/json;charset=UTF-8';

export const sendJson = (reply: FastifyReply, body: unknown) => reply.type(JSON_TYPE).send(JSON.stringify(body));

/** The account and one day, or undefined after answering (401/403/400). Days outside the history are `day: undefined`. */
export function oneDay(state: SimState, request: FastifyRequest, reply: FastifyReply, date: unknown, displayName?: string) {
  const account = accountFor(state, request, reply, displayName);
  if (!account) return undefined;
  if (!isCalendarDate(date)) {
    void badRequest(reply, 'date must be YYYY-MM-DD');
    return undefined;
  }
  return { account, date, day: state.data.day(account, date) };
}

export const daysOf = (state: SimState, account: Account, dates: string[]) =>
  dates.map((d) => state.data.day(account, d)).filter((d): d is DayFacts => d !== undefined);

/** The account and one of its activities by `:id`, or undefined after answering (404 as recorded for a missing activity). */
export function oneActivity(state: SimState, request: FastifyRequest, reply: FastifyReply): { account: Account; activity: GeneratedActivity } | undefined {
  const account = accountFor(state, request, reply);
  if (!account) return undefined;
  const activity = state.data.activities(account).byId.get(Number((request.params as Params)['id']));
  if (!activity) {
    void notFound(reply);
    return undefined;
  }
  return { account, activity };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDays, daysBetween, isCalendarDate } from '../../data/calendar';
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

/** The dates of an inclusive range of at most `maxDays`, or undefined after answering 400. */
export function datesOf(reply: FastifyReply, from: unknown, to: unknown, maxDays: number): string[] | undefined {
  if (!isCalendarDate(from) || !isCalendarDate(to)) {
    void badRequest(reply, 'dates must be YYYY-MM-DD');
    return undefined;
  }
  const span = daysBetween(from, to) + 1;
  if (span < 1) {
    void badRequest(reply, 'the end date is before the start date');
    return undefined;
  }
  if (span > maxDays) {
    void badRequest(reply, `a range may span at most ${maxDays} days`);
    return undefined;
  }
  return Array.from({ length: span }, (_, i) => addDays(from, i));
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

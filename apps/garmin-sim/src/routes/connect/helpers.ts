import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../auth/bearer';
import { addDays, daysBetween, isCalendarDate } from '../../data/calendar';
import { decimalsOf, GarminEndpoint } from '../../data/garmin-decimals';
import { garminJson } from '../../data/raw-json';
import { Account } from '../../state/accounts';
import { SimState } from '../../state/sim-state';

/** Range endpoints serve at most 28 days per call (reference: garth stats/*.py `_page_size = 28` for every daily range). */
export const MAX_RANGE_DAYS = 28;

/** Assumed error body: the recordings hold no 4xx of the Connect API. */
export function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).type('application/json').send({ message, error: 'BadRequest' });
}

/** Recorded: a missing activity (garth test_delete.yaml #2), `application/json;charset=UTF-8`. */
export function notFound(reply: FastifyReply) {
  return reply.code(404).type('application/json;charset=UTF-8').send({ message: 'HTTP 404 Not Found', error: 'NotFoundException' });
}

/** Recorded: connectapi's answer for a path it does not serve (garth test_client_request.yaml #1), `text/html`. */
export const UNKNOWN_PATH_PAGE = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>Not Found</title></head>
<body>
    <div class="headerContainer">
        <h2 class="page-title">Page Not Found</h2>

        <p>We're sorry. The page you're looking for does not exist.</p>
    </div>
</body>
</html>
`;

/**
 * The Bearer's account, and for `{dn}` routes, that the display name is its
 * own: empty means "me"; another user's answers 403, as Garmin does.
 */
export function accountFor(state: SimState, request: FastifyRequest, reply: FastifyReply, displayName?: string): Account | undefined {
  const account = authenticate(state, request, reply);
  if (!account) return undefined;
  if (displayName && displayName !== account.displayName) {
    void reply.code(403).type('application/json').send({ message: 'Forbidden', error: 'AccessDenied' });
    return undefined;
  }
  return account;
}

/** The dates of an inclusive range of at most `maxDays` (default 28), or undefined after answering 400. */
export function rangeOf(reply: FastifyReply, start: unknown, end: unknown, maxDays = MAX_RANGE_DAYS): string[] | undefined {
  if (!isCalendarDate(start) || !isCalendarDate(end)) {
    void badRequest(reply, 'dates must be YYYY-MM-DD');
    return undefined;
  }
  const span = daysBetween(start, end) + 1;
  if (span < 1) {
    void badRequest(reply, 'the end date is before the start date');
    return undefined;
  }
  if (span > maxDays) {
    void badRequest(reply, `a range may span at most ${maxDays} days`);
    return undefined;
  }
  return Array.from({ length: span }, (_, i) => addDays(start, i));
}

/** Recorded content types: Garmin sends `application/json;charset=UTF-8` on some endpoints and bare `application/json` on others. */
export type GarminJsonType = 'application/json' | 'application/json;charset=UTF-8';

/**
 * A JSON answer as Garmin writes it: the endpoint's recorded content type, exactly, and its decimal fields
 * as decimals. (Sent as bytes: Fastify adds `; charset=utf-8` to a JSON type given a string payload.)
 */
export function sendGarmin(reply: FastifyReply, type: GarminJsonType, body: unknown, endpoint?: GarminEndpoint) {
  return reply.header('content-type', type).send(Buffer.from(garminJson(body, endpoint ? decimalsOf(endpoint) : undefined), 'utf8'));
}

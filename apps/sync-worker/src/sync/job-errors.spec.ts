import { GarminError } from '@fittrack/garmin';
import { failureDetail, interruptedFailure, jobFailure } from './job-errors';
import { NeedsLogin } from './sync.errors';

const INTERNALS = /127\.0\.0\.1|localhost|garmin\.com|https?:|ECONN|:\d{2,5}\b|answered \d{3}/;

describe('jobFailure', () => {
  it.each([
    [GarminError.unavailable('garmin-sim.internal:8443: connect ECONNREFUSED 10.0.0.7:8443'), 'Gave up after 3 attempts: Garmin was unavailable.'],
    [GarminError.unavailable('127.0.0.1:4100 answered 503'), 'Gave up after 3 attempts: Garmin was unavailable.'],
    [GarminError.rateLimited(30), 'Gave up after 3 attempts: Garmin kept throttling this account.'],
    [GarminError.forbidden('/wellness-service/wellness/dailySleepData'), 'Gave up after 3 attempts: Garmin refused the request.'],
    [GarminError.sessionRejected('/usersummary-service answered 401'), 'Gave up after 3 attempts: Garmin kept rejecting the session.'],
    [GarminError.protocol('/activity-service/activity/7 did not answer JSON'), 'Gave up after 3 attempts: Garmin sent an answer we could not read.'],
    [new Error('connect ECONNREFUSED 127.0.0.1:5432'), 'Gave up after 3 attempts: the sync failed on our side.'],
    ['a thrown string', 'Gave up after 3 attempts: the sync failed on our side.'],
  ])('says %s as a sentence of ours with code gave_up', (error, message) => {
    const failure = jobFailure(error, 3);
    expect(failure).toEqual({ code: 'gave_up', message });
    expect(failure.message).not.toMatch(INTERNALS);
  });

  it('tells a needs-login failure as such, without Garmin’s words', () => {
    const failure = jobFailure(new NeedsLogin('Garmin rejected the session: the DI refresh answered 401'), 1);
    expect(failure).toEqual({ code: 'needs_login', message: 'The Garmin account needs a new sign-in.' });
  });

  it('counts one attempt in the singular', () => {
    expect(jobFailure(GarminError.rateLimited(), 1).message).toBe('Gave up after 1 attempt: Garmin kept throttling this account.');
    expect(interruptedFailure(5)).toEqual({ code: 'gave_up', message: 'Gave up after 5 attempts: the sync was interrupted each time.' });
  });
});

describe('failureDetail', () => {
  it('keeps what the logs need: the code and the full message, or the stack', () => {
    expect(failureDetail(GarminError.unavailable('127.0.0.1:4100 answered 503'))).toBe('GARMIN_UNAVAILABLE: Garmin is unavailable: 127.0.0.1:4100 answered 503');
    expect(failureDetail(new Error('boom'))).toContain('job-errors.spec.ts');
  });
});

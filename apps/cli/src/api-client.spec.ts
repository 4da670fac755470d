import { failureOf } from './api-client';
import { ExitCode } from './cli-error';

describe('failureOf', () => {
  it('turns a gateway error into one sentence with a hint and its exit code', () => {
    expect(failureOf({ status: 404, body: { message: 'no such sync job', code: 'SYNC_JOB_NOT_FOUND' } })).toMatchObject({
      message: 'No such sync job.',
      hint: 'List your jobs with: garmin-sync jobs list',
      exitCode: ExitCode.Failure,
    });
    expect(failureOf({ status: 401, body: { message: 'the access token is invalid or expired', code: 'TOKEN_INVALID' } }).exitCode).toBe(ExitCode.NotSignedIn);
    expect(failureOf({ status: 400, body: { message: ['from must be a calendar date (YYYY-MM-DD)'] } }).exitCode).toBe(ExitCode.Usage);
    expect(failureOf({ status: 429, body: { message: 'too many sign-in attempts; try again in 30 s' } }).hint).toBe('Wait a little and try again.');
  });
});

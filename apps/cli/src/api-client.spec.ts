import { failureOf, fileNameOf } from './api-client';
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

  it('tells a cooling-down account when and why, and the way around it', () => {
    const cooling = failureOf({
      status: 429,
      body: { message: 'Garmin is refusing sign-ins for this account from us (throttled); to avoid making it worse we will not try again before 14:05 UTC (in 2 h)', code: 'AUTH_SIGN_IN_COOLING_DOWN' },
    });
    expect(cooling.message).toBe('Garmin is refusing sign-ins for this account from us (throttled); to avoid making it worse we will not try again before 14:05 UTC (in 2 h).');
    expect(cooling.hint).toContain('garmin-sync login --tokens FILE');
    expect(failureOf({ status: 403, body: { message: 'x', code: 'GARMIN_EDGE_REFUSED' } }).hint).toContain('--tokens');
  });

  it('says what a token file must be, as a usage error', () => {
    const bad = failureOf({ status: 400, body: { message: 'the token file is not usable: di_token is missing', code: 'GARMIN_BAD_TOKEN_FILE' } });
    expect(bad).toMatchObject({ message: 'The token file is not usable: di_token is missing.', exitCode: ExitCode.Usage });
    expect(bad.hint).toContain('garmin_tokens.json');
  });
});

describe('fileNameOf', () => {
  it('takes the attachment’s name, and nothing that could leave the directory', () => {
    expect(fileNameOf('attachment; filename="18123456789.fit"')).toBe('18123456789.fit');
    expect(fileNameOf('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameOf('attachment; filename=".."')).toBeNull();
    expect(fileNameOf('attachment; filename="a b;c.fit"')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });

  it('gives the activity hints for the activity files’ errors', () => {
    expect(failureOf({ status: 404, body: { message: 'activity 5 is stored without its original file: …', code: 'ACTIVITY_FILE_MISSING' } }).hint).toContain('no original file');
    expect(failureOf({ status: 422, body: { message: 'x', code: 'ACTIVITY_FILE_UNDECODABLE' } }).hint).toContain('--format fit');
  });
});

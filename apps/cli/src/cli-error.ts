/** Exit codes: every failure class has its own (README, "The CLI"). */
export const ExitCode = { Ok: 0, Failure: 1, Usage: 2, NotSignedIn: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure told to the person as one sentence, with what to do next. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint: string | undefined,
    readonly exitCode: ExitCode = ExitCode.Failure,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static notSignedIn(detail = 'You are not signed in.') {
    return new CliError(detail, 'Sign in with: garmin-sync login', ExitCode.NotSignedIn);
  }

  static usage(message: string) {
    return new CliError(message, 'See: garmin-sync --help', ExitCode.Usage);
  }
}

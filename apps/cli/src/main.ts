import { loadConfig } from '@fittrack/app-core';
import { ACTIVITY_DOWNLOAD_FORMATS, ActivityDownloadFormat, SYNC_JOB_STATUSES, SYNC_TYPES } from '@fittrack/contracts';
import { Command, CommanderError, Option } from 'commander';
import { ApiClient } from './api-client';
import { CliConfig } from './cli-config';
import { CliError, ExitCode } from './cli-error';
import { login, loginWithTokens, logout, whoami } from './commands/auth.commands';
import { downloadActivity } from './commands/download.commands';
import { exportArchive } from './commands/export.commands';
import { healthHelp, listActivities, showActivity, showHealth } from './commands/reads.commands';
import { cancelJob, listJobs, showJob, startSync, watchJob } from './commands/jobs.commands';
import { resetSelection, setSelection, showArchive, showSelection } from './commands/selection.commands';
import { createToken, listTokens, revokeToken } from './commands/tokens.commands';
import { CredentialsFile } from './credentials';
import { Terminal } from './terminal';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function context(program: Command) {
  const options = program.opts<{ json?: boolean; gateway?: string; verbose?: boolean }>();
  const config = loadConfig('garmin-sync', CliConfig);
  const file = new CredentialsFile(config);
  const gateway = (options.gateway ?? config.GARMIN_SYNC_GATEWAY).replace(/\/+$/, '');
  return { api: new ApiClient(gateway, file, config.GARMIN_SYNC_TOKEN), file, term: new Terminal(Boolean(options.json), Boolean(options.verbose)) };
}

function date(value: string): string {
  // Date.parse rolls 2026-02-30 over to March 2nd: only a day that reads back the same is one.
  if (!DATE.test(value) || Number.isNaN(Date.parse(value)) || new Date(value).toISOString().slice(0, 10) !== value) {
    throw CliError.usage(`"${value}" is not a date (YYYY-MM-DD).`);
  }
  return value;
}

function build(): Command {
  const program = new Command('garmin-sync')
    .description('Link your Garmin Connect account and sync its data into FitTrack.')
    .version('0.1.0', '--version', 'print the version')
    .option('--json', 'print JSON (for scripts)')
    .option('--gateway <url>', 'the gateway (default: $GARMIN_SYNC_GATEWAY or http://127.0.0.1:3000)')
    .option('--verbose', 'show more: which way sign-in got into Garmin, and stack traces of failures')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('login [email]')
    .description(
      'link your Garmin account: with your password (asked for, and the MFA code if Garmin wants one), ' +
        'or with --tokens from the Garmin tokens you already have',
    )
    .option('--mfa-code <code>', 'the MFA code, for scripts; - reads it from stdin once Garmin has sent it (no second try)')
    .option(
      '--tokens <file>',
      "link without a password, from python-garminconnect's garmin_tokens.json (or its base64), garth's dumps() string, " +
        "or a JSON object holding garth's oauth1_token.json and oauth2_token.json; - reads it from stdin",
    )
    .addHelpText(
      'after',
      '\nWhen Garmin refuses every way of signing in to an account, the gateway leaves the\n' +
        'account alone for hours and says until when: signing in again before then would\n' +
        'only make it worse. --verbose shows which way sign-in got in.',
    )
    .action(async (email: string | undefined, options: { mfaCode?: string; tokens?: string }) => {
      const { api, file, term } = context(program);
      if (options.tokens !== undefined) {
        if (email || options.mfaCode) throw CliError.usage('--tokens links from a token file: leave out the email and --mfa-code.');
        return loginWithTokens(api, file, term, options.tokens);
      }
      await login(api, file, term, email, options.mfaCode);
    });
  program
    .command('logout')
    .description('sign out: the gateway ends the session, then the credentials here are forgotten')
    .option('--local', 'forget the credentials here even when the gateway cannot end the session')
    .addHelpText(
      'after',
      '\nWhen the gateway cannot end the session (it does not answer, or answers with an error), logout\n' +
        'says so, keeps the credentials so that it can be run again, and exits 1; with --local it forgets\n' +
        'them anyway (the session then stays open until it expires). A session that had already ended\n' +
        'exits 3, and its credentials are forgotten.',
    )
    .action(async (options: { local?: boolean }) => {
      const { api, file, term } = context(program);
      await logout(api, file, term, Boolean(options.local));
    });
  program.command('whoami').description('who is signed in, and the state of the Garmin link').action(async () => {
    const { api, term } = context(program);
    await whoami(api, term);
  });
  program
    .command('sync')
    .description('sync your Garmin data (incremental without dates)')
    .addArgument(new Command().createArgument('[type]', 'what to sync').choices(SYNC_TYPES).default('all'))
    .option('--from <date>', 'first day (YYYY-MM-DD)', date)
    .option('--to <date>', 'last day (YYYY-MM-DD)', date)
    .option('--kinds <a,b,c>', 'these data kinds instead of your selection (see garmin-sync selection)')
    .option('--watch', 'follow the job with a progress bar until it ends')
    .action(async (type: string, options: { from?: string; to?: string; kinds?: string; watch?: boolean }) => {
      const { api, term } = context(program);
      await startSync(api, term, type, options.from, options.to, options.watch, options.kinds);
    });

  const selection = program.command('selection').description('which data kinds are synced: show, set or reset your own');
  selection.command('show', { isDefault: true }).description('what is synced, and what your devices do not produce').action(async () => {
    const { api, term } = context(program);
    await showSelection(api, term);
  });
  selection.command('set <kinds>').description('sync these data kinds (comma-separated) from the next sync on').action(async (kinds: string) => {
    const { api, term } = context(program);
    await setSelection(api, term, kinds);
  });
  selection.command('reset').description('back to the default of this deployment').action(async () => {
    const { api, term } = context(program);
    await resetSelection(api, term);
  });
  program.command('archive').description('old days Garmin archived, waiting for a reload').action(async () => {
    const { api, term } = context(program);
    await showArchive(api, term);
  });

  program
    .command('download <id>')
    .description("save an activity's original FIT file, or our GPX, TCX or CSV conversion of it")
    .addOption(new Option('--format <format>', 'fit: the original; gpx, tcx, csv: converted from it').choices(ACTIVITY_DOWNLOAD_FORMATS).default('fit'))
    .option('--out <path>', 'the file to write, or a directory to write <id>.<format> in (default: the current directory)')
    .action(async (id: string, options: { format: ActivityDownloadFormat; out?: string }) => {
      const { api, term } = context(program);
      await downloadActivity(api, term, id, options.format, options.out);
    });
  program
    .command('activities')
    .description('your synced activities, newest first: a table (every page), or --json for scripts')
    .option('--from <date>', 'from this day (YYYY-MM-DD, the day it started where it was)')
    .option('--to <date>', 'to this day (YYYY-MM-DD)')
    .option('--type <type>', "only this type (Garmin's typeKey: running, cycling, strength_training …)")
    .option('--limit <n>', 'at most this many')
    .action(async (options: { from?: string; to?: string; type?: string; limit?: string }) => {
      const { api, term } = context(program);
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw CliError.usage(`--limit must be a positive whole number, not "${options.limit}".`);
      await listActivities(api, term, { from: options.from && date(options.from), to: options.to && date(options.to), type: options.type, limit });
    });
  program
    .command('activity <id>')
    .description('one activity in detail')
    .action(async (id: string) => {
      const { api, term } = context(program);
      await showActivity(api, term, id);
    });
  program
    .command('health <metric>')
    .description('a health metric day by day (its headline value), with a sparkline of the range (a gap is a day without data)')
    .option('--from <date>', 'first day (YYYY-MM-DD; default: 29 days before --to, so 30 days are shown)')
    .option('--to <date>', "last day (YYYY-MM-DD; default: today, on this computer's calendar)")
    .addHelpText('after', healthHelp())
    .action(async (metric: string, options: { from?: string; to?: string }) => {
      const { api, term } = context(program);
      await showHealth(api, term, metric, options.from && date(options.from), options.to && date(options.to));
    });
  program
    .command('export')
    .description('save your whole archive as one ZIP: every original activity file, and every kind of data as JSON and CSV')
    .option('--out <dir>', 'the directory to save it in (made if missing; default: the current directory)')
    .addHelpText('after', '\nThe gateway makes the archive as a job (a progress bar follows it), then it is streamed to disk.\nWhile one is being made, export joins it instead of starting another.')
    .action(async (options: { out?: string }) => {
      const { api, term } = context(program);
      await exportArchive(api, term, options.out);
    });

  const tokens = program
    .command('tokens')
    .description('personal access tokens for scripts: read-only, long-lived (use one with GARMIN_SYNC_TOKEN=<token>)');
  tokens.command('list', { isDefault: true }).description('your tokens, newest first (never the tokens themselves)').action(async () => {
    const { api, term } = context(program);
    await listTokens(api, term);
  });
  tokens
    .command('create <name>')
    .description('make a token; it is printed this once')
    .option('--expires-in-days <n>', 'it stops working after this many days (default: when revoked)', (v) => Number(v))
    .action(async (name: string, options: { expiresInDays?: number }) => {
      const { api, term } = context(program);
      await createToken(api, term, name, options.expiresInDays);
    });
  tokens.command('revoke <id>').description('revoke a token: it stops working at once').action(async (id: string) => {
    const { api, term } = context(program);
    await revokeToken(api, term, id);
  });

  const jobs = program.command('jobs').description('your sync jobs');
  jobs
    .command('list')
    .description('your jobs, newest first')
    .addOption(new Option('--status <status>', 'only jobs in this state').choices(SYNC_JOB_STATUSES))
    .option('--page <n>', 'page of 20', (v) => Number(v), 1)
    .action(async (options: { status?: string; page: number }) => {
      const { api, term } = context(program);
      await listJobs(api, term, options.status, options.page);
    });
  jobs.command('show <id>').alias('status').description('one job: progress, what it syncs, its archive work').action(async (id: string) => {
    const { api, term } = context(program);
    await showJob(api, term, id);
  });
  jobs.command('watch <id>').description('follow a job with a progress bar until it ends').action(async (id: string) => {
    const { api, term } = context(program);
    await watchJob(api, term, id);
  });
  jobs.command('cancel <id>').description('cancel a job (what it stored is kept)').action(async (id: string) => {
    const { api, term } = context(program);
    await cancelJob(api, term, id);
  });
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = build();
  try {
    await program.parseAsync(argv);
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; everything else commander refuses is a usage error (already printed).
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    const verbose = argv.includes('--verbose');
    const term = new Terminal(false, verbose);
    if (error instanceof CliError) {
      term.fail(error.message, error.hint);
      if (verbose) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    term.fail(`Something went wrong: ${error instanceof Error ? error.message : String(error)}`, 'Run again with --verbose for details.');
    if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return ExitCode.Failure;
  }
}

main(process.argv).then((code) => {
  Terminal.release();
  process.exitCode = code;
});

import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsString, IsUrl, Matches, ValidateBy } from 'class-validator';
import { IntSetting, ServiceConfig } from '@fittrack/app-core';
import { DI_CLIENT_IDS, GarminClientConfig, PauseRange, SIGN_IN_STRATEGIES, SignInStrategy } from './config';
import { GARMIN_HOSTS, garminUrlProblem, GarminUrlVariable, oauthConsumerProblem } from './garmin-production-rules';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const SIMULATOR = 'http://127.0.0.1:4010';
const PAUSE = /^\d{1,6}(-\d{1,6})?$/;

/** A comma-separated variable as a list (the env gives strings; defaults are lists already). */
const CommaList = () =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) =>
    typeof obj[key] === 'string'
      ? (obj[key] as string)
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean)
      : obj[key],
  );

/** `min-max` milliseconds (or one number, or 0 for none), min ≤ max. */
const IsPause = (variable: string) =>
  ValidateBy({
    name: 'isPause',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !PAUSE.test(value)) return false;
        const [min, max] = parsePause(value);
        return min <= max;
      },
      defaultMessage: () => `${variable} must be milliseconds as min-max (e.g. 3000-8000), or 0 for no pause`,
    },
  });

export function parsePause(value: string): PauseRange {
  const [min, max = min] = value.split('-').map(Number);
  return [min, max];
}

/**
 * The GARMIN_* variables, for every app that reaches Garmin (its config class
 * extends this one). The defaults point at the local simulator; pointing them
 * at Garmin itself is a matter of configuration, never of code.
 */
export abstract class GarminServiceConfig extends ServiceConfig {
  @IsUrl(URL_OPTIONS, { message: 'GARMIN_SSO_URL must be an http(s) URL' })
  GARMIN_SSO_URL = SIMULATOR;

  @IsUrl(URL_OPTIONS, { message: 'GARMIN_CONNECTAPI_URL must be an http(s) URL' })
  GARMIN_CONNECTAPI_URL = SIMULATOR;

  @IsUrl(URL_OPTIONS, { message: 'GARMIN_DIAUTH_URL must be an http(s) URL' })
  GARMIN_DIAUTH_URL = SIMULATOR;

  /** The web app: the JWT_WEB fallback session and its refresh (real: https://connect.garmin.com). */
  @IsUrl(URL_OPTIONS, { message: 'GARMIN_CONNECT_URL must be an http(s) URL' })
  GARMIN_CONNECT_URL = SIMULATOR;

  @IsIn(['garmin.com', 'garmin.cn'], { message: 'GARMIN_DOMAIN must be garmin.com or garmin.cn' })
  GARMIN_DOMAIN: 'garmin.com' | 'garmin.cn' = 'garmin.com';

  /** Which sign-in strategies run, in this order (comma-separated). */
  @CommaList()
  @ArrayNotEmpty({ message: 'GARMIN_SIGN_IN_STRATEGIES must name at least one strategy' })
  @IsIn(SIGN_IN_STRATEGIES, { each: true, message: `GARMIN_SIGN_IN_STRATEGIES must be from: ${SIGN_IN_STRATEGIES.join(', ')}` })
  @ValidateBy({
    name: 'noRepeats',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && new Set(value).size === value.length,
      defaultMessage: () => 'GARMIN_SIGN_IN_STRATEGIES must name each strategy at most once (one password POST per strategy)',
    },
  })
  GARMIN_SIGN_IN_STRATEGIES: SignInStrategy[] = [...SIGN_IN_STRATEGIES];

  /** The human pause before the widget's form POST; 0 against the simulator and in tests. */
  @IsString({ message: 'GARMIN_WIDGET_PAUSE_MS must be milliseconds as min-max, or 0' })
  @IsPause('GARMIN_WIDGET_PAUSE_MS')
  GARMIN_WIDGET_PAUSE_MS = '3000-8000';

  /** The pause between the portal's sign-in page and its POST; 0 against the simulator and in tests. */
  @IsString({ message: 'GARMIN_PORTAL_PAUSE_MS must be milliseconds as min-max, or 0' })
  @IsPause('GARMIN_PORTAL_PAUSE_MS')
  GARMIN_PORTAL_PAUSE_MS = '10000-20000';

  /** DI client ids tried in order for a service ticket (comma-separated). */
  @CommaList()
  @ArrayNotEmpty({ message: 'GARMIN_DI_CLIENT_IDS must name at least one client id' })
  @Matches(/^[A-Z0-9_]+$/, { each: true, message: 'GARMIN_DI_CLIENT_IDS must be client ids like GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2' })
  GARMIN_DI_CLIENT_IDS: string[] = [...DI_CLIENT_IDS];

  /**
   * Only an imported garth session uses an OAuth1 consumer, to refresh; empty (the default) means such a
   * session runs until its access token ends. Configured, never downloaded.
   */
  @IsString({ message: 'GARMIN_OAUTH_CONSUMER_KEY must be a string' })
  GARMIN_OAUTH_CONSUMER_KEY = '';

  @IsString({ message: 'GARMIN_OAUTH_CONSUMER_SECRET must be a string' })
  GARMIN_OAUTH_CONSUMER_SECRET = '';

  @IntSetting(1000, 120_000)
  GARMIN_TIMEOUT_MS = 15_000;

  /** Production also refuses plain-http, local or simulator Garmin hosts and the simulator's OAuth consumer. */
  override productionProblems(): string[] {
    const urls = (Object.keys(GARMIN_HOSTS) as GarminUrlVariable[]).map((variable) => garminUrlProblem(variable, this[variable]));
    const consumer = oauthConsumerProblem(this.GARMIN_OAUTH_CONSUMER_KEY, this.GARMIN_OAUTH_CONSUMER_SECRET);
    return [...super.productionProblems(), ...urls, consumer].filter((problem): problem is string => problem !== undefined);
  }

  get garmin(): GarminClientConfig {
    const trim = (url: string) => url.replace(/\/+$/, '');
    return {
      ssoUrl: trim(this.GARMIN_SSO_URL),
      connectApiUrl: trim(this.GARMIN_CONNECTAPI_URL),
      diauthUrl: trim(this.GARMIN_DIAUTH_URL),
      connectUrl: trim(this.GARMIN_CONNECT_URL),
      domain: this.GARMIN_DOMAIN,
      strategies: this.GARMIN_SIGN_IN_STRATEGIES,
      widgetPauseMs: parsePause(this.GARMIN_WIDGET_PAUSE_MS),
      portalPauseMs: parsePause(this.GARMIN_PORTAL_PAUSE_MS),
      diClientIds: this.GARMIN_DI_CLIENT_IDS,
      consumerKey: this.GARMIN_OAUTH_CONSUMER_KEY,
      consumerSecret: this.GARMIN_OAUTH_CONSUMER_SECRET,
      timeoutMs: this.GARMIN_TIMEOUT_MS,
    };
  }
}

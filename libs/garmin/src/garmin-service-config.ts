import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceConfig } from '@fittrack/app-core';
import { AUTH_DIALECTS, AuthDialect, DEFAULT_DI_CLIENT_ID, GarminClientConfig } from './config';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const SIMULATOR = 'http://127.0.0.1:4010';

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

  @IsIn(['garmin.com', 'garmin.cn'])
  GARMIN_DOMAIN: 'garmin.com' | 'garmin.cn' = 'garmin.com';

  /** Never downloaded: the defaults are the simulator's own consumer. */
  @IsString()
  GARMIN_OAUTH_CONSUMER_KEY = 'fittrack-sim-consumer-key';

  @IsString()
  GARMIN_OAUTH_CONSUMER_SECRET = 'fittrack-sim-consumer-secret';

  /** Comma-separated, in the order sign-in uses them (the first one signs in). */
  @Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) =>
    typeof obj[key] === 'string' ? (obj[key] as string).split(',').map((d) => d.trim()) : obj[key],
  )
  @ArrayNotEmpty({ message: 'GARMIN_AUTH_DIALECTS must name at least one dialect' })
  @IsIn(AUTH_DIALECTS, { each: true, message: `GARMIN_AUTH_DIALECTS must be from: ${AUTH_DIALECTS.join(', ')}` })
  GARMIN_AUTH_DIALECTS: AuthDialect[] = ['mobile+oauth1', 'mobile+di'];

  @IsString()
  GARMIN_DI_CLIENT_ID = DEFAULT_DI_CLIENT_ID;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(120_000)
  GARMIN_TIMEOUT_MS = 15_000;

  get garmin(): GarminClientConfig {
    return {
      ssoUrl: this.GARMIN_SSO_URL.replace(/\/+$/, ''),
      connectApiUrl: this.GARMIN_CONNECTAPI_URL.replace(/\/+$/, ''),
      diauthUrl: this.GARMIN_DIAUTH_URL.replace(/\/+$/, ''),
      domain: this.GARMIN_DOMAIN,
      consumerKey: this.GARMIN_OAUTH_CONSUMER_KEY,
      consumerSecret: this.GARMIN_OAUTH_CONSUMER_SECRET,
      dialects: this.GARMIN_AUTH_DIALECTS,
      diClientId: this.GARMIN_DI_CLIENT_ID,
      timeoutMs: this.GARMIN_TIMEOUT_MS,
    };
  }
}

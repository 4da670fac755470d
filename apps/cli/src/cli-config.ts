import { IsOptional, IsString, IsUrl } from 'class-validator';

/** What the CLI reads from its environment (flags override it). */
export class CliConfig {
  /** The gateway; `--gateway` overrides it. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'GARMIN_SYNC_GATEWAY must be an http(s) URL' })
  GARMIN_SYNC_GATEWAY = 'http://127.0.0.1:3000';

  /** Where the credentials file lives: $XDG_CONFIG_HOME/garmin-sync, else ~/.config/garmin-sync. */
  @IsOptional()
  @IsString()
  XDG_CONFIG_HOME?: string;

  @IsOptional()
  @IsString()
  HOME?: string;
}

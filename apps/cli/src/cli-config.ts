import { IsOptional, IsString, IsUrl, Matches } from 'class-validator';

/** What the CLI reads from its environment (flags override it). */
export class CliConfig {
  /** The gateway; `--gateway` overrides it. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'GARMIN_SYNC_GATEWAY must be an http(s) URL' })
  GARMIN_SYNC_GATEWAY = 'http://127.0.0.1:3000';

  /**
   * A personal access token (garmin-sync tokens create NAME) for scripts: when set, every command sends it
   * instead of the signed-in session, and only commands that read data work with it.
   */
  @IsOptional()
  @Matches(/^fgs_pat_[A-Za-z0-9_-]{43}$/, { message: 'GARMIN_SYNC_TOKEN must be a personal access token (fgs_pat_…, from garmin-sync tokens create NAME)' })
  GARMIN_SYNC_TOKEN?: string;

  /** Where the credentials file lives: $XDG_CONFIG_HOME/garmin-sync, else ~/.config/garmin-sync. */
  @IsOptional()
  @IsString()
  XDG_CONFIG_HOME?: string;

  @IsOptional()
  @IsString()
  HOME?: string;
}

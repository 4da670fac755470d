import { IsIn, IsUrl } from 'class-validator';

/** The migrate tool's whole configuration. */
export class MigrateConfig {
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false },
    { message: 'DATABASE_URL must be a postgres:// URL' },
  )
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/fittrack';

  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';
}

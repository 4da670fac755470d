import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsString, IsUrl, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { GENERATE_KEY_HINT, keyringProblems, ProductionRules, PUBLISHED_KEYS } from './production-rules';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'test', 'production'] as const;

/**
 * A keyring for local development only: production refuses to start without
 * its own ENCRYPTION_KEYS, and refuses this one by id or key (production-rules.ts).
 */
const DEVELOPMENT_KEYRING = `${PUBLISHED_KEYS[0].id}:${PUBLISHED_KEYS[0].key}`;

const NATS_SERVER_LIST = /^(nats|tls|ws|wss):\/\/[^\s,]+(,(nats|tls|ws|wss):\/\/[^\s,]+)*$/;
const KEYRING = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]+(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]+)*$/;

/**
 * What every service of the platform is configured with. Each app declares one
 * class extending this with its own port default and settings; that class is
 * the only reader of the environment (through AppConfigModule).
 */
/** A TCP port from the environment (a string there). */
export function IsPort(): PropertyDecorator {
  return applyDecorators(Type(() => Number), IsInt(), Min(0), Max(65535));
}

/** An integer setting from the environment, within bounds. */
export function IntSetting(min: number, max: number): PropertyDecorator {
  return applyDecorators(Type(() => Number), IsInt(), Min(min), Max(max));
}

/** A true/false setting: the strings "true" and "false" (read raw: implicit conversion would make "false" true). */
export function BooleanSetting(): PropertyDecorator {
  return applyDecorators(
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => (typeof obj[key] === 'string' ? obj[key] === 'true' : obj[key])),
    IsBoolean(),
  );
}

export interface NatsAuth {
  user?: string;
  pass?: string;
  token?: string;
}

export abstract class ServiceConfig implements ProductionRules {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false, require_valid_protocol: true },
    { message: 'DATABASE_URL must be a postgres:// URL' },
  )
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/fittrack';

  /** Connections this process keeps to PostgreSQL. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(NATS_SERVER_LIST, { message: 'NATS_URL must be a comma-separated list of nats:// URLs' })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Put in front of every subject, stream and consumer name; isolates test runs and tenants. */
  @Matches(/^[A-Za-z0-9_-]{0,32}$/, { message: 'NATS_SUBJECT_PREFIX must be up to 32 letters, digits, - or _' })
  NATS_SUBJECT_PREFIX = '';

  /** Copies of each JetStream stream the services create: 1 on a single server, 3 on a 3-node cluster. */
  @IntSetting(1, 5)
  NATS_STREAM_REPLICAS = 1;

  /** NATS credentials: a user and password, or a token (never both). Unset means no auth. */
  @ValidateIf((c: ServiceConfig) => c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined)
  @IsString({ message: 'NATS_USER and NATS_PASSWORD go together' })
  NATS_USER?: string;

  @ValidateIf((c: ServiceConfig) => c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined)
  @IsString({ message: 'NATS_USER and NATS_PASSWORD go together' })
  NATS_PASSWORD?: string;

  @ValidateIf((c: ServiceConfig) => c.NATS_TOKEN !== undefined)
  @IsString()
  @ValidateBy({
    name: 'natsTokenAlone',
    validator: {
      validate: (_value, args) => (args?.object as ServiceConfig).NATS_USER === undefined,
      defaultMessage: () => 'set NATS_TOKEN or NATS_USER, not both',
    },
  })
  NATS_TOKEN?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  HOST = '0.0.0.0';

  /**
   * Which peers may set X-Forwarded-For (Fastify's trustProxy): `false`, `true`,
   * a hop count, or addresses/CIDRs/`loopback`. Per-IP limits key on the result,
   * so trust only your own load balancer.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** Each app declares its own default port, decorated with @IsPort(). */
  abstract PORT: number;

  /**
   * The admin listener: /metrics only, on its own port so the public API port (behind a load balancer)
   * never shows it, bound to loopback unless told otherwise (containers: 0.0.0.0, and not published).
   * 0 turns it off. Apps that run side by side on one machine have different defaults (worker: 9465).
   */
  @IsPort()
  @ValidateBy({
    name: 'metricsPortNotPort',
    validator: {
      validate: (value, args) => value === 0 || value !== (args?.object as ServiceConfig).PORT,
      defaultMessage: () => 'METRICS_PORT must differ from PORT (or be 0 to turn /metrics off)',
    },
  })
  METRICS_PORT = 9464;

  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** `keyId:base64key[,olderId:base64key…]`, the first is current. Required in production (or ENCRYPTION_KEYS_FILE). */
  @ValidateIf((c: ServiceConfig) => c.NODE_ENV === 'production' || c.ENCRYPTION_KEYS !== undefined)
  @IsDefined({ message: `ENCRYPTION_KEYS (or ENCRYPTION_KEYS_FILE) is required in production: ${GENERATE_KEY_HINT}` })
  @Matches(KEYRING, { message: 'ENCRYPTION_KEYS must look like keyId:base64key[,keyId:base64key]' })
  ENCRYPTION_KEYS?: string;

  /** How long SIGTERM waits for in-flight work before giving up. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * What production refuses of the settings every service shares; subclasses add theirs. Only a
   * well-formed keyring is judged here (a malformed one is already named by its own validator).
   */
  productionProblems(): string[] {
    const keys = this.ENCRYPTION_KEYS;
    return keys !== undefined && KEYRING.test(keys) ? keyringProblems(keys) : [];
  }

  /** NATS connection credentials, for every connection the service opens. */
  get natsAuth(): NatsAuth {
    if (this.NATS_TOKEN !== undefined) return { token: this.NATS_TOKEN };
    if (this.NATS_USER !== undefined) return { user: this.NATS_USER, pass: this.NATS_PASSWORD ?? '' };
    return {};
  }

  /** TRUST_PROXY as Fastify takes it. */
  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false') return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get encryptionKeyring(): string {
    return this.ENCRYPTION_KEYS ?? DEVELOPMENT_KEYRING;
  }
}

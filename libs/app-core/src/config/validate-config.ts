import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

/** Bad or missing configuration; the message names every offending variable, never a value. */
export class ConfigValidationError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${service}: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

type ConfigClass<T> = new () => T;

function declaredKeys(cls: ConfigClass<unknown>): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return new Set(metadata.map((m) => m.propertyName));
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((constraint) =>
      // class-validator starts each message with the property name already
      constraint.startsWith(error.property) ? constraint : `${error.property}: ${constraint}`,
    ),
  );
}

/**
 * Builds the config class from an environment: declared variables only, empty
 * strings treated as unset so the class defaults apply, strings converted to
 * the declared types, then validated.
 */
export function validateConfig<T extends object>(
  service: string,
  cls: ConfigClass<T>,
  env: Record<string, unknown>,
): T {
  const keys = declaredKeys(cls);
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (keys.has(key) && value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(cls, picked, { enableImplicitConversion: true });
  const errors = validateSync(config, { forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw new ConfigValidationError(service, describe(errors));
  return config;
}

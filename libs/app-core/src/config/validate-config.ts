import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import { readFileSync } from 'node:fs';
import { productionProblemsOf } from './production-rules';

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

/** Reads a `<NAME>_FILE` secret; a seam so specs need not touch the disk. */
export type SecretFileReader = (path: string) => string;

const readSecretFile: SecretFileReader = (path) => readFileSync(path, 'utf8');

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

const isSet = (value: unknown) => value !== undefined && value !== '';

/**
 * The `<NAME>_FILE` rule: every declared variable may instead be read from the file that `<NAME>_FILE`
 * names (compose and Kubernetes mount secrets as files, so keys never sit in an environment listing).
 * Surrounding whitespace is dropped, since `echo` and `openssl` end files with a newline. Setting both
 * is refused rather than one silently winning. Messages name the path, never the content.
 */
function readFileVariables(keys: Set<string>, env: Record<string, unknown>, read: SecretFileReader, problems: string[]) {
  const values: Record<string, string> = {};
  for (const key of keys) {
    const fileVariable = `${key}_FILE`;
    const path = env[fileVariable];
    if (keys.has(fileVariable) || !isSet(path)) continue;
    if (isSet(env[key])) {
      problems.push(`set ${key} or ${fileVariable}, not both`);
      continue;
    }
    try {
      const value = read(String(path)).trim();
      if (value === '') problems.push(`${fileVariable}: ${String(path)} is empty`);
      else values[key] = value;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      problems.push(`${fileVariable}: cannot read ${String(path)} (${code})`);
    }
  }
  return values;
}

/**
 * Builds the config class from an environment: declared variables only (or their `<NAME>_FILE`),
 * empty strings treated as unset so the class defaults apply, strings converted to the declared
 * types, then validated; in production the class's production rules run too (production-rules.ts),
 * and every problem found is reported at once.
 */
export function validateConfig<T extends object>(
  service: string,
  cls: ConfigClass<T>,
  env: Record<string, unknown>,
  readFile: SecretFileReader = readSecretFile,
): T {
  const keys = declaredKeys(cls);
  const problems: string[] = [];
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (keys.has(key) && isSet(value)) picked[key] = value;
  }
  Object.assign(picked, readFileVariables(keys, env, readFile, problems));
  const config = plainToInstance(cls, picked, { enableImplicitConversion: true });
  const errors = validateSync(config, { forbidUnknownValues: true, validationError: { target: false, value: false } });
  problems.push(...describe(errors), ...productionProblemsOf(config));
  if (problems.length > 0) throw new ConfigValidationError(service, problems);
  return config;
}

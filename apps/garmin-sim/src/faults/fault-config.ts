/** Faults the simulator injects, set by SIM_FAULTS at start-up or PUT /__sim/faults. */
export interface FaultConfig {
  /** Added delay: fixed + up to `jitterMs`, on paths starting with `prefix` (all when absent). */
  latency?: { fixedMs: number; jitterMs?: number; prefix?: string };
  /**
   * 429 on matching paths, always or with a probability; with a Retry-After when `retryAfterSeconds` is set
   * (Garmin's own 429s name no wait: python-garminconnect reads none, __init__.py:225-241).
   */
  throttle?: { prefix?: string; probability?: number; retryAfterSeconds?: number }[];
  /** Request-rate limits (a sliding window), per account and overall; beyond them 429. */
  rateLimit?: {
    perAccount?: { limit: number; windowSeconds: number };
    overall?: { limit: number; windowSeconds: number };
    retryAfterSeconds: number;
  };
  /** 5xx with a probability. */
  serverErrors?: { probability: number; status?: 500 | 502 | 503; prefix?: string };
}

export class FaultConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid faults: ${problems.join('; ')}`);
    this.name = 'FaultConfigError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function check(problems: string[], path: string, value: unknown, kind: 'count' | 'probability' | 'prefix', required = true): void {
  if (value === undefined) {
    if (required) problems.push(`${path} is required`);
    return;
  }
  if (kind === 'prefix' && (typeof value !== 'string' || !value.startsWith('/'))) problems.push(`${path} must be a path starting with /`);
  if (kind === 'count' && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) problems.push(`${path} must be a non-negative integer`);
  if (kind === 'probability' && (typeof value !== 'number' || value < 0 || value > 1)) problems.push(`${path} must be a number from 0 to 1`);
}

function only(problems: string[], path: string, value: Json, keys: string[]): void {
  for (const key of Object.keys(value)) if (!keys.includes(key)) problems.push(`${path}.${key} is not a known setting`);
}

/** Validates a faults document; the error names every problem. */
export function parseFaults(input: unknown): FaultConfig {
  const problems: string[] = [];
  if (!isObject(input)) throw new FaultConfigError(['the faults must be a JSON object']);
  only(problems, 'faults', input, ['latency', 'throttle', 'rateLimit', 'serverErrors']);
  const { latency, throttle, rateLimit, serverErrors } = input;
  if (latency !== undefined) {
    if (!isObject(latency)) problems.push('latency must be an object');
    else {
      only(problems, 'latency', latency, ['fixedMs', 'jitterMs', 'prefix']);
      check(problems, 'latency.fixedMs', latency['fixedMs'], 'count');
      check(problems, 'latency.jitterMs', latency['jitterMs'], 'count', false);
      check(problems, 'latency.prefix', latency['prefix'], 'prefix', false);
    }
  }
  if (throttle !== undefined) {
    if (!Array.isArray(throttle)) problems.push('throttle must be an array');
    else
      throttle.forEach((rule: unknown, i) => {
        if (!isObject(rule)) return problems.push(`throttle[${i}] must be an object`);
        only(problems, `throttle[${i}]`, rule, ['prefix', 'probability', 'retryAfterSeconds']);
        check(problems, `throttle[${i}].prefix`, rule['prefix'], 'prefix', false);
        check(problems, `throttle[${i}].probability`, rule['probability'], 'probability', false);
        check(problems, `throttle[${i}].retryAfterSeconds`, rule['retryAfterSeconds'], 'count', false);
        return undefined;
      });
  }
  if (rateLimit !== undefined) {
    if (!isObject(rateLimit)) problems.push('rateLimit must be an object');
    else {
      only(problems, 'rateLimit', rateLimit, ['perAccount', 'overall', 'retryAfterSeconds']);
      check(problems, 'rateLimit.retryAfterSeconds', rateLimit['retryAfterSeconds'], 'count');
      for (const scope of ['perAccount', 'overall']) {
        const window = rateLimit[scope];
        if (window === undefined) continue;
        if (!isObject(window)) problems.push(`rateLimit.${scope} must be an object`);
        else {
          check(problems, `rateLimit.${scope}.limit`, window['limit'], 'count');
          check(problems, `rateLimit.${scope}.windowSeconds`, window['windowSeconds'], 'count');
        }
      }
    }
  }
  if (serverErrors !== undefined) {
    if (!isObject(serverErrors)) problems.push('serverErrors must be an object');
    else {
      only(problems, 'serverErrors', serverErrors, ['probability', 'status', 'prefix']);
      check(problems, 'serverErrors.probability', serverErrors['probability'], 'probability');
      check(problems, 'serverErrors.prefix', serverErrors['prefix'], 'prefix', false);
      if (serverErrors['status'] !== undefined && ![500, 502, 503].includes(serverErrors['status'] as number)) {
        problems.push('serverErrors.status must be 500, 502 or 503');
      }
    }
  }
  if (problems.length) throw new FaultConfigError(problems);
  return input as FaultConfig;
}

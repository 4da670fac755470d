/**
 * What production refuses beyond the shape of each variable: settings that work, and so would go
 * unnoticed, but are unsafe (plain http, the simulator, keys anyone can read in this repository).
 * A config class lists its own in `productionProblems()`; validateConfig runs them when NODE_ENV is
 * production and reports them with the other problems, so one start-up error names everything to fix.
 */
export interface ProductionRules {
  productionProblems(): string[];
}

function hasProductionRules(config: object): config is ProductionRules & { NODE_ENV: string } {
  return typeof (config as Partial<ProductionRules>).productionProblems === 'function';
}

export function productionProblemsOf(config: object): string[] {
  if (!hasProductionRules(config) || config.NODE_ENV !== 'production') return [];
  return config.productionProblems();
}

/**
 * Keys that were ever written in this repository (so are public): the development keyring and the
 * key the compose file used to default to. Refused by id and by material, so renaming one does not help.
 */
export const PUBLISHED_KEYS: ReadonlyArray<{ id: string; key: string; what: string }> = [
  { id: 'dev', key: 'ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=', what: 'the development key' },
  { id: 'compose-demo', key: 'Y29tcG9zZS1kZW1vLWtleS1ub3QtZm9yLXJlYWwtdXM=', what: 'the former compose demo key' },
];

export const GENERATE_KEY_HINT = 'generate one with: echo "k1:$(openssl rand -base64 32)"';

/** A random 32-byte key has about 30 distinct byte values; a placeholder ("AAAA…", one byte repeated) has few. */
const MIN_DISTINCT_BYTES = 12;

/**
 * Production problems of an ENCRYPTION_KEYS value (already shape-checked): published keys and
 * placeholders. Names key ids, never key material.
 */
export function keyringProblems(spec: string): string[] {
  const problems: string[] = [];
  for (const entry of spec.split(',')) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = entry.slice(separator + 1);
    const published = PUBLISHED_KEYS.find((p) => p.id === id || p.key === key);
    if (published) {
      problems.push(`ENCRYPTION_KEYS holds ${published.what} ("${published.id}"), which is public: ${GENERATE_KEY_HINT}`);
    } else if (new Set(Buffer.from(key, 'base64')).size < MIN_DISTINCT_BYTES) {
      problems.push(`ENCRYPTION_KEYS key "${id}" is not random (a placeholder?): ${GENERATE_KEY_HINT}`);
    }
  }
  return problems;
}

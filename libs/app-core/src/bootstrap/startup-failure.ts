import { ServiceConfig } from '../config/service-config';

/** A dependency did not answer at start-up; the message says which and how to start it. */
export class DependencyUnavailableError extends Error {
  constructor(dependency: string, address: string, variable: string, hint: string) {
    super(`${dependency} is unreachable at ${address} (${variable}). ${hint}`);
    this.name = 'DependencyUnavailableError';
  }
}

/** host:port of a connection URL, so no credential reaches a message. */
export function addressOf(url: string): string {
  try {
    const parsed = new URL(url.split(',')[0]);
    return `${parsed.hostname}:${parsed.port}`;
  } catch {
    return 'the configured address';
  }
}

/** One readable sentence for why a service could not start. */
export function describeStartupFailure(error: unknown, config: ServiceConfig): string {
  if (error instanceof DependencyUnavailableError) return error.message;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND') {
    // NATS reports its own failures as DependencyUnavailableError, so a refused
    // socket here is the database (TypeORM connects while modules initialise).
    return new DependencyUnavailableError(
      'PostgreSQL',
      addressOf(config.DATABASE_URL),
      'DATABASE_URL',
      'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    ).message;
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\b(postgres(?:ql)?|nats):\/\/[^\s@]*@/g, '$1://***@');
}

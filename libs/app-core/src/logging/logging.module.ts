import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { ServiceConfig } from '../config/service-config';

/** Paths that may carry a secret, anywhere in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.code',
  '*.mfaCode',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

const QUIET_ROUTES = new Set(['/health/live', '/health/ready']);

function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** Structured JSON logs through pino, one line per request, secrets redacted. */
export function loggingModule(service: string, config: ServiceConfig): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Under Fastify the middleware sees a mount-relative req.url ('/'); originalUrl is the path.
      autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => QUIET_ROUTES.has(pathOf(req)) },
      quietReqLogger: true,
    },
  });
}

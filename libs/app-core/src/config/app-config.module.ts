import { DynamicModule, Module } from '@nestjs/common';
import { validateConfig } from './validate-config';

/**
 * Reads and validates the environment once, in main.ts, before Nest starts: a
 * bad variable then ends the process with one readable line instead of a Nest
 * bootstrap stack trace (which is what a rejected `ConfigModule.forRoot({ validate })`
 * promise gives). This file and validate-config.ts are the only readers of process.env.
 */
export function loadConfig<T extends object>(service: string, cls: new () => T): T {
  // eslint-disable-next-line no-restricted-syntax -- the one reader, by design
  return validateConfig(service, cls, process.env);
}

/** Provides the validated config instance under its own class, to every module. */
@Module({})
export class AppConfigModule {
  static forRoot<T extends object>(config: T): DynamicModule {
    const cls = config.constructor as new () => T;
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: cls, useValue: config }],
      exports: [cls],
    };
  }
}

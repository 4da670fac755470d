import { Inject, Injectable } from '@nestjs/common';
import type { Subject } from '@fittrack/contracts';
import { NATS_OPTIONS, NatsModuleOptions } from './nats.tokens';

/** Applies the deployment's prefix to subjects and JetStream names, in one place. */
@Injectable()
export class SubjectNamer {
  readonly prefix: string;

  constructor(@Inject(NATS_OPTIONS) options: Pick<NatsModuleOptions, 'subjectPrefix'>) {
    this.prefix = options.subjectPrefix;
  }

  subject(subject: Subject): string {
    return prefixSubject(this.prefix, subject);
  }

  /** Stream and consumer names allow no dots, so the prefix joins with `_`. */
  streamName(base: string): string {
    return this.prefix ? `${this.prefix}_${base}` : base;
  }
}

export function prefixSubject(prefix: string, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

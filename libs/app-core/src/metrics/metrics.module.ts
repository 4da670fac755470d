import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/**
 * The Prometheus registry every module counts into; startService counts every HTTP request into it and
 * serves it on the admin listener (metrics-listener.ts), never on the public API port.
 */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}

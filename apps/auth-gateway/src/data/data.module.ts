import { Module } from '@nestjs/common';
import { parseKeyring } from '@fittrack/persistence';
import { GatewayConfig } from '../config/gateway.config';
import { TokensModule } from '../tokens/tokens.module';
import { ActivitiesController } from './activities.controller';
import { ActivityReadsService } from './activity-reads.service';
import { DataReadRpc } from './data-read.rpc';
import { HealthController } from './health.controller';
import { HealthReadsService } from './health-reads.service';
import { LibraryController } from './library.controller';
import { LibraryReadsService } from './library-reads.service';
import { ReadCursorCodec } from './read-cursor';

/** The stored data, read back: GET /v1/activities, /v1/health, /v1/workouts, /v1/records and garmin.rpc.data.*. */
@Module({
  imports: [TokensModule],
  controllers: [ActivitiesController, HealthController, LibraryController, DataReadRpc],
  providers: [
    { provide: ReadCursorCodec, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => new ReadCursorCodec(parseKeyring(config.encryptionKeyring)) },
    ActivityReadsService,
    HealthReadsService,
    LibraryReadsService,
  ],
})
export class DataModule {}

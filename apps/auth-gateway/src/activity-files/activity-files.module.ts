import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { ActivityFilesController } from './activity-files.controller';
import { ActivityFilesService } from './activity-files.service';

/** GET /v1/activities/:id/file (the original FIT) and /export?format=gpx|tcx|csv (converted from it). */
@Module({
  imports: [TokensModule],
  controllers: [ActivityFilesController],
  providers: [ActivityFilesService],
})
export class ActivityFilesModule {}

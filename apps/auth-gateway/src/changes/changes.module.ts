import { Module } from '@nestjs/common';
import { ChangesRpc } from './changes.rpc';
import { DataStream } from './data-stream.service';

/** The change events' stream (GARMIN_DATA) and the platform services' consumers of it (README, "Change events"). */
@Module({
  controllers: [ChangesRpc],
  providers: [DataStream],
  exports: [DataStream],
})
export class ChangesModule {}

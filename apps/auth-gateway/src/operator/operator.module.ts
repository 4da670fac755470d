import { Module } from '@nestjs/common';
import { NightlyModule } from '../nightly/nightly.module';
import { TokensModule } from '../tokens/tokens.module';
import { OperatorController } from './operator.controller';
import { OperatorGuard } from './operator.guard';

@Module({
  imports: [TokensModule, NightlyModule],
  controllers: [OperatorController],
  providers: [OperatorGuard],
})
export class OperatorModule {}

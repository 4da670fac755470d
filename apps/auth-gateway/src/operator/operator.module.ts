import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { OperatorController } from './operator.controller';
import { OperatorGuard } from './operator.guard';

@Module({
  imports: [TokensModule],
  controllers: [OperatorController],
  providers: [OperatorGuard],
})
export class OperatorModule {}

import { Module } from '@nestjs/common';
import { AbuseLimiter } from './abuse-limiter';

@Module({ providers: [AbuseLimiter], exports: [AbuseLimiter] })
export class LimitsModule {}

import { Module } from '@nestjs/common';
import { ApiTokensService } from './api-tokens.service';
import { BearerGuard } from './bearer.guard';

/** API access and refresh tokens, and the guard every user-scoped route sits behind. */
@Module({ providers: [ApiTokensService, BearerGuard], exports: [ApiTokensService, BearerGuard] })
export class TokensModule {}

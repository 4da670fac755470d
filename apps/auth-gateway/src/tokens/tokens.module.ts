import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ApiSessionStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { ApiTokensService } from './api-tokens.service';
import { BearerGuard } from './bearer.guard';

/** The SQL of API sessions and tokens, on the app's connection. */
const storeProvider = { provide: ApiSessionStore, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new ApiSessionStore(dataSource) };

/** API access and refresh tokens, and the guard every user-scoped route sits behind. */
@Module({ providers: [ApiTokensService, BearerGuard, storeProvider], exports: [ApiTokensService, BearerGuard, ApiSessionStore] })
export class TokensModule {}

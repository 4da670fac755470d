import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ApiSessionStore, PersonalTokenStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { ApiTokensService } from './api-tokens.service';
import { BearerGuard } from './bearer.guard';
import { PersonalTokensController } from './personal-tokens.controller';
import { PersonalTokensService } from './personal-tokens.service';

/** The SQL of API sessions and tokens, on the app's connection. */
const storeProvider = { provide: ApiSessionStore, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new ApiSessionStore(dataSource) };
const personalStoreProvider = {
  provide: PersonalTokenStore,
  inject: [getDataSourceToken()],
  useFactory: (dataSource: DataSource) => new PersonalTokenStore(dataSource),
};

/** API access and refresh tokens, personal access tokens, and the guard every user-scoped route sits behind. */
@Module({
  controllers: [PersonalTokensController],
  providers: [ApiTokensService, PersonalTokensService, BearerGuard, storeProvider, personalStoreProvider],
  exports: [ApiTokensService, PersonalTokensService, BearerGuard, ApiSessionStore, PersonalTokenStore],
})
export class TokensModule {}

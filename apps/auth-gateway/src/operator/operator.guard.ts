import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OperatorStore } from '@fittrack/persistence';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { Caller, isSessionCaller } from '../tokens/api-tokens.service';
import { OperatorError } from './operator.errors';

/**
 * After BearerGuard: lets through only a signed-in session (never a personal access token) of a user whose Garmin
 * profile id is in OPERATOR_GARMIN_PROFILE_IDS. The role comes from configuration, so granting or taking it is a
 * deploy, and no API can hand it out.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  private readonly store = new OperatorStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const caller = context.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>().caller;
    if (!caller || !isSessionCaller(caller)) throw OperatorError.operatorsOnly();
    const profileId = await this.store.garminProfileIdOf(this.dataSource.manager, caller.userId);
    if (profileId === undefined || !this.config.operatorProfileIds.has(profileId)) throw OperatorError.operatorsOnly();
    return true;
  }
}

import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { OperatorStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { BearerGuard } from '../tokens/bearer.guard';
import { OperatorJobPageDto, OperatorJobsQuery, OperatorLinksDto } from './operator.dto';
import { OperatorGuard } from './operator.guard';

/** Who must sign in again, shown at most (the counts cover everyone). */
const MUST_SIGN_IN_SHOWN = 100;

/** The operator console's API (the web app's console reads it): the fleet, never a user's secret. */
@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(BearerGuard, OperatorGuard)
@ApiForbiddenResponse({ description: 'not an operator (OPERATOR_ONLY): see OPERATOR_GARMIN_PROFILE_IDS' })
@Controller('v1/admin')
export class OperatorController {
  private readonly store = new OperatorStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('jobs')
  @ApiOperation({ summary: 'Sync jobs across users, newest first, by status and error code, with the counts of each' })
  @ApiOkResponse({ type: OperatorJobPageDto })
  async jobs(@Query() query: OperatorJobsQuery): Promise<OperatorJobPageDto> {
    const page = await this.store.jobs(this.dataSource.manager, { status: query.status, errorCode: query.code, page: query.page, pageSize: query.pageSize });
    return {
      ...page,
      items: page.items.map((job) => ({
        ...job,
        createdAt: job.createdAt.toISOString(),
        startedAt: job.startedAt?.toISOString() ?? null,
        finishedAt: job.finishedAt?.toISOString() ?? null,
      })),
    };
  }

  @Get('links')
  @ApiOperation({ summary: "Every user's Garmin link by health, and who must sign in again" })
  @ApiOkResponse({ type: OperatorLinksDto })
  async links(): Promise<OperatorLinksDto> {
    const links = await this.store.links(this.dataSource.manager, MUST_SIGN_IN_SHOWN);
    return {
      byHealth: links.byHealth,
      mustSignIn: links.mustSignIn.map((link) => ({ ...link, cooldownUntil: link.cooldownUntil?.toISOString() ?? null, since: link.since.toISOString() })),
    };
  }
}

import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { NightlyStatusReply } from '@fittrack/contracts';
import { OperatorStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { BearerGuard } from '../tokens/bearer.guard';
import { NightlyRunsService } from '../nightly/nightly-runs.service';
import { OperatorJobPageDto, OperatorJobsQuery, OperatorLinksDto, OperatorNightlyQuery } from './operator.dto';
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nightly: NightlyRunsService,
  ) {}

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

  @Get('nightly')
  @ApiOperation({ summary: 'The latest nightly runs: enqueued, already queued, skipped by reason, refreshes asked for (as garmin.rpc.nightly.status answers)' })
  async nightlyRuns(@Query() query: OperatorNightlyQuery): Promise<NightlyStatusReply> {
    return { runs: await this.nightly.latest(query.limit) };
  }
}

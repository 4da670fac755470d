import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { NightlyStatusReply } from '@fittrack/contracts';
import { FleetStore, OperatorStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { BearerGuard } from '../tokens/bearer.guard';
import { NightlyRunsService } from '../nightly/nightly-runs.service';
import { OperatorJobPageDto, OperatorJobsQuery, OperatorLinksDto, OperatorNightlyQuery, OperatorUpstreamDto, OperatorUpstreamQuery, OperatorWorkersDto } from './operator.dto';
import { OperatorGuard } from './operator.guard';

/** Who must sign in again, shown at most (the counts cover everyone). */
const MUST_SIGN_IN_SHOWN = 100;

/** Workers not heard from for this long are not listed; a heartbeat this old is deleted. */
const WORKER_LISTED_MS = 10 * 60_000;
const WORKER_FORGOTTEN_MS = 24 * 3600_000;

/** About a hundred to three hundred buckets, whatever the span. */
const bucketMinutesFor = (hours: number) => (hours <= 6 ? 5 : hours <= 24 ? 15 : hours <= 72 ? 30 : 60);

/** The operator console's API (the web app's console reads it): the fleet, never a user's secret. */
@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(BearerGuard, OperatorGuard)
@ApiForbiddenResponse({ description: 'not an operator (OPERATOR_ONLY): see OPERATOR_GARMIN_PROFILE_IDS' })
@Controller('v1/admin')
export class OperatorController {
  private readonly store = new OperatorStore();
  private readonly fleet = new FleetStore();

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

  @Get('upstream')
  @ApiOperation({ summary: "Garmin requests, 429s, failures and cooldowns started over the last hours, in buckets, and who is cooling down now" })
  @ApiOkResponse({ type: OperatorUpstreamDto })
  async upstream(@Query() query: OperatorUpstreamQuery): Promise<OperatorUpstreamDto> {
    const manager = this.dataSource.manager;
    const bucketMinutes = bucketMinutesFor(query.hours);
    const [series, coolingDown] = await Promise.all([
      this.fleet.upstreamSeries(manager, new Date(Date.now() - query.hours * 3600_000), bucketMinutes),
      this.fleet.coolingDownNow(manager),
    ]);
    return { hours: query.hours, bucketMinutes, ...series, coolingDown };
  }

  @Get('workers')
  @ApiOperation({ summary: 'The worker replicas seen lately, each with the jobs it is running' })
  @ApiOkResponse({ type: OperatorWorkersDto })
  async workers(): Promise<OperatorWorkersDto> {
    const now = Date.now();
    const workers = await this.fleet.workers(this.dataSource.manager, new Date(now - WORKER_LISTED_MS), new Date(now - WORKER_FORGOTTEN_MS));
    return {
      workers: workers.map((worker) => ({
        ...worker,
        startedAt: worker.startedAt.toISOString(),
        lastSeenAt: worker.lastSeenAt.toISOString(),
        jobs: worker.jobs.map((job) => ({ ...job, startedAt: job.startedAt?.toISOString() ?? null })),
      })),
    };
  }
}

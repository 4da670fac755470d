import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { OperatorStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { BearerGuard } from '../tokens/bearer.guard';
import { OperatorJobPageDto, OperatorJobsQuery } from './operator.dto';
import { OperatorGuard } from './operator.guard';

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
}

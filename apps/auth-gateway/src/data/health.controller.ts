import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DATA_READ_LIMITS, HealthDayView, HealthMetricView, HealthOverviewView } from '@fittrack/contracts';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { ReadScope } from '../tokens';
import { CACHING } from './caching.docs';
import { DayRangeQuery, HealthDayParams, HealthMetricParams } from './dto/read-queries';
import { HealthDayDto, HealthMetricDto, HealthOverviewDto } from './dto/read-views.dto';
import { HealthReadsService } from './health-reads.service';

@ApiTags('data')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@ReadScope()
@Controller('v1/health')
export class HealthController {
  constructor(private readonly health: HealthReadsService) {}

  @Get()
  @ApiOperation({ summary: 'Every metric’s headline value, per day', description: CACHING })
  @ApiOkResponse({ type: HealthOverviewDto })
  @ApiBadRequestResponse({ description: `from after to, or more than ${DATA_READ_LIMITS.overviewRangeMaxDays} days` })
  overview(@CurrentCaller() caller: Caller, @Query() query: DayRangeQuery): Promise<HealthOverviewView> {
    return this.health.overview(caller.userId, query);
  }

  @Get(':metric')
  @ApiOperation({ summary: 'One metric’s headline value over a range of days', description: CACHING })
  @ApiOkResponse({ type: HealthMetricDto })
  @ApiBadRequestResponse({ description: `an unknown metric (the message lists the valid ones), from after to, or more than ${DATA_READ_LIMITS.healthRangeMaxDays} days` })
  metric(@CurrentCaller() caller: Caller, @Param() params: HealthMetricParams, @Query() query: DayRangeQuery): Promise<HealthMetricView> {
    return this.health.metric(caller.userId, params.metric, query);
  }

  @Get(':metric/:date')
  @ApiOperation({ summary: 'One day of a metric in full: its headline value and Garmin’s JSON as stored, intraday series included', description: CACHING })
  @ApiOkResponse({ type: HealthDayDto })
  @ApiBadRequestResponse({ description: 'an unknown metric (the message lists the valid ones) or a date that is not YYYY-MM-DD' })
  @ApiNotFoundResponse({ description: 'nothing of that metric stored for that day' })
  day(@CurrentCaller() caller: Caller, @Param() params: HealthDayParams): Promise<HealthDayView> {
    return this.health.day(caller.userId, params.metric, params.date);
  }
}

import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityDetailView, ActivityPage, DATA_READ_LIMITS } from '@fittrack/contracts';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { ReadScope } from '../tokens';
import { ActivityReadsService } from './activity-reads.service';
import { CACHING } from './caching.docs';
import { ActivityListQuery, GarminIdParams } from './dto/read-queries';
import { ActivityDetailDto, ActivityPageDto } from './dto/read-views.dto';

@ApiTags('data')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@ReadScope()
@Controller('v1/activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivityReadsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s activities, newest first, a page at a time', description: CACHING })
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiBadRequestResponse({
    description: `an unknown field (the message lists the valid ones), limit above ${DATA_READ_LIMITS.activityPageMax}, from after to, or a cursor that is not this list’s (altered, another user’s, other filters)`,
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ActivityListQuery): Promise<ActivityPage> {
    return this.activities.list(caller.userId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s activities in detail, with its parts (splits, zones, weather, exercise sets)', description: CACHING })
  @ApiOkResponse({ type: ActivityDetailDto })
  @ApiNotFoundResponse({ description: 'no such activity of the caller (another user’s is not told apart from none)' })
  detail(@CurrentCaller() caller: Caller, @Param() params: GarminIdParams): Promise<ActivityDetailView> {
    return this.activities.detail(caller.userId, params.id);
  }
}

import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DATA_READ_LIMITS, RecordPage, WorkoutDetailView, WorkoutPage } from '@fittrack/contracts';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { ReadScope } from '../tokens';
import { CACHING } from './caching.docs';
import { GarminIdParams, RecordKindParams, RecordListQuery, WorkoutListQuery } from './dto/read-queries';
import { RecordPageDto, WorkoutDetailDto, WorkoutPageDto } from './dto/read-views.dto';
import { LibraryReadsService } from './library-reads.service';

@ApiTags('data')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@ReadScope()
@Controller('v1')
export class LibraryController {
  constructor(private readonly library: LibraryReadsService) {}

  @Get('workouts')
  @ApiOperation({ summary: 'The caller’s workout library, a page at a time', description: CACHING })
  @ApiOkResponse({ type: WorkoutPageDto })
  @ApiBadRequestResponse({ description: `limit above ${DATA_READ_LIMITS.workoutPageMax}, or a cursor that is not this list’s` })
  workouts(@CurrentCaller() caller: Caller, @Query() query: WorkoutListQuery): Promise<WorkoutPage> {
    return this.library.workoutList(caller.userId, query);
  }

  @Get('workouts/:id')
  @ApiOperation({ summary: 'One of the caller’s workouts, with its steps as Garmin sent them', description: CACHING })
  @ApiOkResponse({ type: WorkoutDetailDto })
  @ApiNotFoundResponse({ description: 'no such workout of the caller' })
  workout(@CurrentCaller() caller: Caller, @Param() params: GarminIdParams): Promise<WorkoutDetailView> {
    return this.library.workout(caller.userId, params.id);
  }

  @Get('records/:kind')
  @ApiOperation({
    summary: 'The caller’s items of a non-daily kind (devices, gear, personal records, zones, weigh-ins …), a page at a time',
    description: CACHING,
  })
  @ApiOkResponse({ type: RecordPageDto })
  @ApiBadRequestResponse({ description: `an unknown kind (the message lists the valid ones), limit above ${DATA_READ_LIMITS.recordPageMax}, from after to, or a cursor that is not this list’s` })
  records(@CurrentCaller() caller: Caller, @Param() params: RecordKindParams, @Query() query: RecordListQuery): Promise<RecordPage> {
    return this.library.recordList(caller.userId, params.kind, query);
  }
}

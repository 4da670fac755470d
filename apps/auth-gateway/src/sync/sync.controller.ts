import { Body, Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post, Query, Res, Sse, SseSignal, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SyncJobView } from '@fittrack/contracts';
import type { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import { ReadScope } from '../tokens';
import { Caller, SessionCaller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller, CurrentSession } from '../tokens/bearer.guard';
import { JobStreams } from './events/job-streams';
import { KindProgressDto, SyncJobDto, SyncJobPageDto, SyncJobsQuery, SyncRequestBody } from './sync.dto';
import { SyncJobsService } from './sync-jobs.service';

@ApiTags('sync')
@ApiBearerAuth()
@ApiExtraModels(KindProgressDto)
@UseGuards(BearerGuard)
@Controller('v1/sync')
export class SyncController {
  constructor(
    private readonly jobs: SyncJobsService,
    private readonly streams: JobStreams,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a sync; answers the job at once (the same job if an equivalent one is pending or running)' })
  @ApiAcceptedResponse({ type: SyncJobDto, description: 'a new job' })
  @ApiOkResponse({ type: SyncJobDto, description: 'the equivalent job already pending or running' })
  @ApiConflictResponse({ description: 'no Garmin account linked, or its session needs a new sign-in' })
  @ApiTooManyRequestsResponse({ description: 'SYNC_TOO_MANY_OPEN_JOBS: the caller already has SYNC_MAX_OPEN_JOBS_PER_USER jobs pending or running' })
  async start(@CurrentSession() caller: SessionCaller, @Body() body: SyncRequestBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<SyncJobView> {
    const { job, created } = await this.jobs.start(caller.userId, body, { trigger: 'manual', sessionId: caller.sessionId });
    if (!created) void reply.status(200);
    return job;
  }

  @Get('jobs')
  @ReadScope()
  @ApiOperation({ summary: "The caller's sync jobs, newest first" })
  @ApiOkResponse({ type: SyncJobPageDto })
  list(@CurrentCaller() caller: Caller, @Query() query: SyncJobsQuery) {
    return this.jobs.list(caller.userId, query);
  }

  @Get('jobs/:id')
  @ReadScope()
  @ApiOperation({ summary: 'One job: status, progress, items per kind, times, error' })
  @ApiOkResponse({ type: SyncJobDto })
  @ApiNotFoundResponse({ description: 'no such job of the caller (another user’s is not found either)' })
  get(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<SyncJobView> {
    return this.jobs.get(caller.userId, id);
  }

  @Sse('jobs/:id/events')
  @ApiOperation({
    summary: 'Server-sent events: the job now and on every change (`job`), `end` after it ends; `gone` if the job is deleted or the sign-in ends',
  })
  @ApiProduces('text/event-stream')
  @ApiNotFoundResponse({ description: 'no such job of the caller' })
  @ApiTooManyRequestsResponse({ description: 'the caller already has SSE_MAX_STREAMS_PER_USER streams open on this replica' })
  @ApiServiceUnavailableResponse({ description: 'this replica has SSE_MAX_STREAMS streams open' })
  events(
    @CurrentSession() caller: SessionCaller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @SseSignal() gone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.streams.open(caller, id, gone);
  }

  @Post('jobs/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending or running job; what was stored stays' })
  @ApiOkResponse({ type: SyncJobDto })
  @ApiNotFoundResponse({ description: 'no such job of the caller' })
  @ApiConflictResponse({ description: 'the job has already ended' })
  cancel(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<SyncJobView> {
    return this.jobs.cancel(caller.userId, id);
  }
}

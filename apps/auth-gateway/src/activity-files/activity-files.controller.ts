import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ACTIVITY_EXPORT_FORMATS } from '@fittrack/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { ReadScope } from '../tokens';
import { ifNoneMatchNames } from '../http/http-caching';
import { ActivityDownload } from './activity-download';
import { ActivityFilesService } from './activity-files.service';

const ID = { name: 'id', description: 'Garmin’s activity id', example: '18123456789' };
const NOT_FOUND =
  'no such activity of the caller (ACTIVITY_NOT_FOUND: unknown and other users’ ids alike), or one stored without its original file (ACTIVITY_FILE_MISSING, with the reason)';
const BINARY = { schema: { type: 'string', format: 'binary' } };

/** An activity's original file and its GPX/TCX/CSV conversions, for the caller's own activities only. */
@ApiTags('activities')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@ReadScope()
@Controller('v1/activities')
export class ActivityFilesController {
  constructor(private readonly files: ActivityFilesService) {}

  @Get(':id/file')
  @ApiOperation({
    summary: 'The activity’s original file as Garmin gave it (a FIT file, application/vnd.ant.fit), as an attachment "<id>.fit"; ETag: its sha256',
  })
  @ApiParam(ID)
  @ApiProduces('application/vnd.ant.fit', 'application/octet-stream')
  @ApiOkResponse({ description: 'the stored bytes, unchanged; the rare original that is not FIT is served in its own format and extension', content: { 'application/vnd.ant.fit': BINARY } })
  @ApiResponse({ status: 304, description: 'If-None-Match named the current ETag' })
  @ApiBadRequestResponse({ description: 'an id that is not a positive integer' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async file(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.files.original(caller.userId, id));
  }

  @Get(':id/export')
  @ApiOperation({
    summary:
      'The activity converted by us from its original FIT: a GPX 1.1 track (positions, elevation, time; heart rate and cadence in Garmin’s TrackPointExtension), ' +
      'a TCX activity (laps, trackpoints with heart rate, cadence, distance) or a CSV of its record messages; as an attachment "<id>.<format>"',
  })
  @ApiParam(ID)
  @ApiQuery({ name: 'format', enum: ACTIVITY_EXPORT_FORMATS, required: true })
  @ApiProduces('application/gpx+xml', 'application/vnd.garmin.tcx+xml', 'text/csv')
  @ApiOkResponse({
    description: 'an activity without GPS positions (strength, treadmill) still exports: its GPX has an empty track segment, its TCX and CSV every record',
    content: { 'application/gpx+xml': BINARY, 'application/vnd.garmin.tcx+xml': BINARY, 'text/csv': BINARY },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match named the current ETag' })
  @ApiBadRequestResponse({ description: 'an unknown or missing format (the message lists the valid ones), or an id that is not a positive integer' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiUnprocessableEntityResponse({ description: 'the original is not a FIT file (ACTIVITY_FILE_NOT_FIT), or cannot be decoded as one (ACTIVITY_FILE_UNDECODABLE), with the reason' })
  async export(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query('format') format: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(request, reply, await this.files.export(caller.userId, id, format));
  }
}

function send(request: FastifyRequest, reply: FastifyReply, download: ActivityDownload): void {
  void reply.header('ETag', download.etag).header('Cache-Control', 'private, no-cache');
  if (ifNoneMatchNames(request.headers['if-none-match'], download.etag)) {
    void reply.status(304).send();
    return;
  }
  void reply
    .status(200)
    .header('Content-Type', download.contentType)
    .header('Content-Disposition', `attachment; filename="${download.fileName}"`)
    .header('Content-Length', String(download.body.length))
    .send(download.body);
}

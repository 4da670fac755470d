import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ExportView } from '@fittrack/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchNames } from '../http/http-caching';
import { ReadScope } from '../tokens';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { ExportsService } from './exports.service';

const ID = 'id';
const NOT_FOUND = 'EXPORT_NOT_FOUND: unknown, another user’s, or removed after its time';

/** A user's whole archive as a ZIP, made as a job by a worker and downloaded when done. */
@ApiTags('exports')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@ReadScope()
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Make an archive of all your data: every original activity file (activities/files/<id>.fit) and every stored kind as JSON and CSV, ' +
      'with a manifest. A job: poll GET /v1/exports/:id for its progress; once completed, its downloadUrl serves the ZIP. One at a time: ' +
      'while one is being made, this answers it (200) instead of starting another.',
  })
  @ApiResponse({ status: 202, description: 'the new export, pending' })
  @ApiOkResponse({ description: 'an export of yours already under way' })
  async create(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply): Promise<ExportView> {
    const { view, created } = await this.exports.create(caller.userId);
    if (!created) void reply.status(200);
    void reply.header('Location', `/v1/exports/${view.id}`);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Your exports, newest first (the last 20; finished ones are removed after their expiresAt)' })
  list(@CurrentCaller() caller: Caller): Promise<ExportView[]> {
    return this.exports.list(caller.userId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An export: its status, progress (items written of the total), and once completed its size, contents per kind and downloadUrl' })
  @ApiBadRequestResponse({ description: 'EXPORT_BAD_ID: not a UUID' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentCaller() caller: Caller, @Param(ID) id: string): Promise<ExportView> {
    return this.exports.get(caller.userId, id);
  }

  @Get(':id/download')
  @ApiOperation({ summary: 'The completed archive (application/zip), streamed, as an attachment' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'the ZIP', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 304, description: 'If-None-Match named the current ETag' })
  @ApiBadRequestResponse({ description: 'EXPORT_BAD_ID: not a UUID' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'EXPORT_NOT_READY (still being made, with its progress) or EXPORT_FAILED (with the reason)' })
  async download(@CurrentCaller() caller: Caller, @Param(ID) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const archive = await this.exports.download(caller.userId, id);
    void reply.header('ETag', archive.etag).header('Cache-Control', 'private, no-cache');
    if (ifNoneMatchNames(request.headers['if-none-match'], archive.etag)) {
      archive.body.destroy();
      void reply.status(304).send();
      return;
    }
    void reply
      .status(200)
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${archive.fileName}"`)
      .header('Content-Length', String(archive.sizeBytes))
      .send(archive.body);
  }
}

import { Body, Controller, Delete, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SyncArchiveView, SyncSelectionView } from '@fittrack/contracts';
import { ReadScope } from '../tokens';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { ArchiveViewDto, SelectionBody, SelectionViewDto } from './selection.dto';
import { SelectionService } from './selection.service';

@ApiTags('sync')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@Controller('v1/sync')
export class SelectionController {
  constructor(private readonly selection: SelectionService) {}

  @Get('selection')
  @ReadScope()
  @ApiOperation({ summary: 'Which data kinds are synced: the deployment default, the caller’s override, the effective one, the kinds their devices lack, the catalog' })
  @ApiOkResponse({ type: SelectionViewDto })
  get(@CurrentCaller() caller: Caller): Promise<SyncSelectionView> {
    return this.selection.view(caller.userId);
  }

  @Put('selection')
  @ApiOperation({ summary: 'Sync these data kinds from the next job on, instead of the deployment default' })
  @ApiOkResponse({ type: SelectionViewDto })
  @ApiBadRequestResponse({ description: 'an empty list, a kind named twice, or a name not in the catalog (the message lists the valid ones)' })
  set(@CurrentCaller() caller: Caller, @Body() body: SelectionBody): Promise<SyncSelectionView> {
    return this.selection.set(caller.userId, body.kinds);
  }

  @Delete('selection')
  @ApiOperation({ summary: 'Back to the deployment default (idempotent)' })
  @ApiOkResponse({ type: SelectionViewDto })
  reset(@CurrentCaller() caller: Caller): Promise<SyncSelectionView> {
    return this.selection.reset(caller.userId);
  }

  @Get('archive')
  @ReadScope()
  @ApiOperation({ summary: 'The caller’s archived days to reload from Garmin: queued, requested today against the budget, done, the next ones' })
  @ApiOkResponse({ type: ArchiveViewDto })
  archive(@CurrentCaller() caller: Caller): Promise<SyncArchiveView> {
    return this.selection.archiveOf(caller.userId);
  }
}

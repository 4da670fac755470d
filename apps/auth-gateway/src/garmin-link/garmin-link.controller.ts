import { Controller, Delete, HttpCode, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { LinkStatusService } from './link-status.service';

@ApiTags('garmin')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@Controller('v1/garmin')
export class GarminLinkController {
  constructor(private readonly status: LinkStatusService) {}

  @Delete('link')
  @HttpCode(204)
  @ApiOperation({ summary: "Forget the caller's Garmin tokens (idempotent); signing in again re-links the same user" })
  @ApiNoContentResponse()
  async unlink(@CurrentCaller() caller: Caller): Promise<void> {
    await this.status.unlink(caller.userId);
  }
}

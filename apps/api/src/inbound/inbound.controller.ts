import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Roles } from '../auth/roles.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { InboundQuerySchema, type InboundQuery } from './inbound.dto';
import { InboundService } from './inbound.service';

@Controller('api/v1')
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  /**
   * A raw message from a mail provider's webhook: committed to the database before the
   * answer, like a 250 over SMTP. 202: stored, processed later by the mail role. Only an
   * inbound key: the provider holds it, so it can post mail and read or change nothing.
   */
  @Post('inbound')
  @Roles('inbound')
  @HttpCode(202)
  receive(@Query(new ZodPipe(InboundQuerySchema)) query: InboundQuery, @Req() request: Request) {
    return this.inbound.receive(request, query.to);
  }
}

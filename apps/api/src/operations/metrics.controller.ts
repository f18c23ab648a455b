import { Controller, Get, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import { carriesMetricsToken, type ServiceMetrics } from '@escalations/casework';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { OPERATIONS_SETTINGS, SERVICE_METRICS, type OperationsSettings } from './operations.tokens';

/**
 * Prometheus reads `/metrics`, outside the versioned API and its keys: the API's address is
 * the public one, so it is served only with METRICS_TOKEN set, and asks for it.
 */
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const token = this.settings.metricsToken;
    if (!token) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'not-found',
        'the API serves /metrics only with METRICS_TOKEN set',
      );
    }
    if (!carriesMetricsToken(authorization, token)) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'expected Authorization: Bearer <METRICS_TOKEN>',
      );
    }
    response.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.exposition();
  }
}

import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { urlencoded } from 'express';
import { GOVUK_DIST } from './views';

/**
 * What the console needs of the HTTP server: its forms' bodies (small, and only under
 * /console: the API takes JSON alone) and GOV.UK Frontend's images, from the package.
 */
export function configureConsole(app: NestExpressApplication): void {
  app.use('/console', urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));
  // the images alone: GOV.UK Frontend's fonts are GOV.UK's only (govuk-css.ts)
  app.useStaticAssets(join(GOVUK_DIST, 'govuk/assets/images'), {
    prefix: '/console/assets/images/',
    index: false,
    maxAge: '1h',
  });
}

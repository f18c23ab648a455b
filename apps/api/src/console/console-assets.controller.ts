import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets';
import { govukCssWithoutGdsTransport } from './govuk-css';
import { GOVUK_DIST } from './views';

/**
 * GOV.UK Frontend's stylesheet names its images under /assets; the console serves them under
 * /console/assets, so the stylesheet is served with its paths moved there, and without its
 * typeface (govuk-css.ts). Its images are served from the package as they are
 * (configureConsole), its fonts not at all.
 */
@Controller('console/assets')
@Public()
export class ConsoleAssetsController {
  private readonly css = govukCssWithoutGdsTransport(
    readFileSync(join(GOVUK_DIST, 'govuk/govuk-frontend.min.css'), 'utf8'),
  );
  private readonly manifest = readFileSync(join(GOVUK_DIST, 'govuk/assets/manifest.json'), 'utf8');
  private readonly js = readFileSync(join(GOVUK_DIST, 'govuk/govuk-frontend.min.js'), 'utf8');

  @Get('govuk-frontend.min.css')
  govukCss(@Res() response: Response): void {
    send(response, 'text/css', this.css);
  }

  @Get('manifest.json')
  govukManifest(@Res() response: Response): void {
    send(response, 'application/manifest+json', this.manifest);
  }

  @Get('govuk-frontend.min.js')
  govukJs(@Res() response: Response): void {
    send(response, 'text/javascript', this.js);
  }

  @Get('console.css')
  consoleCss(@Res() response: Response): void {
    send(response, 'text/css', CONSOLE_CSS);
  }

  @Get('console.js')
  consoleJs(@Res() response: Response): void {
    send(response, 'text/javascript', CONSOLE_JS);
  }
}

function send(response: Response, type: string, body: string): void {
  response.setHeader('Content-Type', `${type}; charset=utf-8`);
  response.setHeader('Cache-Control', 'public, max-age=3600');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.send(body);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets';
import { GOVUK_DIST } from './views';

/**
 * GOV.UK Frontend's stylesheet names its fonts and images under /assets; the console serves
 * them under /console/assets, so the stylesheet is served with its paths moved there. Its
 * fonts and images are served from the package as they are (configureConsole).
 */
@Controller('console/assets')
@Public()
export class ConsoleAssetsController {
  private readonly css = readFileSync(
    join(GOVUK_DIST, 'govuk/govuk-frontend.min.css'),
    'utf8',
  ).replaceAll('url(/assets/', 'url(/console/assets/');
  private readonly js = readFileSync(join(GOVUK_DIST, 'govuk/govuk-frontend.min.js'), 'utf8');

  @Get('govuk-frontend.min.css')
  govukCss(@Res() response: Response): void {
    send(response, 'text/css', this.css);
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

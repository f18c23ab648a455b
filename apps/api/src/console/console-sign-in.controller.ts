import { randomBytes } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { ConsoleErrorFilter } from './console-error.filter';
import { CurrentSession } from './console-request';
import { ConsoleSessionGuard } from './console-session.guard';
import {
  ConsoleSessionService,
  SESSION_MAX_MS,
  sameToken,
  type ConsoleSession,
} from './console-session.service';
import {
  clearedCookieHeader,
  cookieHeader,
  readCookie,
  SESSION_COOKIE,
  SIGN_IN_CSRF_COOKIE,
} from './cookies';
import { renderPage } from './page';

/** Signing in with an API key, and out. Public to the API's key check: the session is the key. */
@Controller('console')
@Public()
@UseFilters(ConsoleErrorFilter)
export class ConsoleSignInController {
  constructor(private readonly sessions: ConsoleSessionService) {}

  @Get()
  home(@Res() response: Response): void {
    response.redirect(303, '/console/overview');
  }

  @Get('sign-in')
  form(
    @Req() request: Request,
    @Res() response: Response,
    @Query('signedOut') signedOut?: string,
  ): void {
    this.sendForm(request, response, 200, undefined, signedOut === '1');
  }

  /** The form's token is checked against its cookie (no session yet to derive it from). */
  @Post('sign-in')
  async signIn(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const expected = readCookie(request, SIGN_IN_CSRF_COOKIE);
    if (!expected || !sameToken(expected, body['_csrf'])) {
      this.sendForm(request, response, 403, 'The sign-in form had expired. Paste your key again.');
      return;
    }
    const key = typeof body['key'] === 'string' ? body['key'] : '';
    const session = key.trim() ? await this.sessions.signIn(key) : null;
    if (!session) {
      this.sendForm(
        request,
        response,
        401,
        key.trim()
          ? "That key is not valid, was revoked, or is a mail provider's key. Check it and try again."
          : 'Paste your API key',
      );
      return;
    }
    response.setHeader('Set-Cookie', [
      cookieHeader(request, SESSION_COOKIE, session.token, SESSION_MAX_MS / 1000),
      clearedCookieHeader(request, SIGN_IN_CSRF_COOKIE),
    ]);
    response.redirect(303, '/console/overview');
  }

  @Post('sign-out')
  @UseGuards(ConsoleSessionGuard)
  async signOut(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentSession() session: ConsoleSession,
  ): Promise<void> {
    await this.sessions.signOut(session.token);
    response.setHeader('Set-Cookie', clearedCookieHeader(request, SESSION_COOKIE));
    response.redirect(303, '/console/sign-in?signedOut=1');
  }

  private sendForm(
    request: Request,
    response: Response,
    status: number,
    error?: string,
    signedOut = false,
  ): void {
    const csrf = randomBytes(32).toString('base64url');
    response.setHeader('Set-Cookie', cookieHeader(request, SIGN_IN_CSRF_COOKIE, csrf, 3600));
    response
      .status(status)
      .send(renderPage(response, 'sign-in.njk', { title: 'Sign in', csrf, error, signedOut }));
  }
}

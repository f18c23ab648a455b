import { CasePageService } from './case-page.service';
import { ConsoleAssetsController } from './console-assets.controller';
import { ConsoleReportsController } from './console-reports.controller';
import { ConsoleCalendarsController } from './console-calendars.controller';
import { ConsoleKeysController } from './console-keys.controller';
import { ConsolePagesController } from './console-pages.controller';
import { ConsoleSessionGuard } from './console-session.guard';
import { ConsoleSessionService } from './console-session.service';
import { ConsoleSignInController } from './console-sign-in.controller';
import { OverviewService } from './overview.service';

/** The console's controllers (not part of the API's OpenAPI document: they serve HTML). */
export const CONSOLE_CONTROLLERS = [
  ConsoleSignInController,
  ConsoleAssetsController,
  ConsolePagesController,
  ConsoleKeysController,
  ConsoleCalendarsController,
  ConsoleReportsController,
];

export const CONSOLE_PROVIDERS = [
  ConsoleSessionService,
  ConsoleSessionGuard,
  OverviewService,
  CasePageService,
];

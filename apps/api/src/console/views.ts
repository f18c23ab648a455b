import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { CONSOLE_VIEWS } from './views/index';

/** govuk-frontend's built files: its templates and macros, CSS, JS, fonts and images. */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * The console's own templates are kept in TypeScript modules (views/), so the build carries
 * them into dist with the code; govuk-frontend's come from the package itself.
 */
const consoleViews: nunjucks.ILoader = {
  getSource(name: string) {
    const src = CONSOLE_VIEWS[name];
    return src === undefined
      ? (null as unknown as nunjucks.LoaderSource)
      : { src, path: name, noCache: false };
  },
};

const environment = new nunjucks.Environment(
  [consoleViews, new nunjucks.FileSystemLoader(GOVUK_DIST)],
  { autoescape: true, throwOnUndefined: false },
);

/** A page of the console as HTML, every value escaped unless a template says otherwise. */
export function renderView(name: string, context: Record<string, unknown>): string {
  return environment.render(name, context);
}

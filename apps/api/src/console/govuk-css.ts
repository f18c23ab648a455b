/**
 * GOV.UK Frontend's compiled stylesheet as this service may use it. Its typeface, GDS Transport,
 * is licensed for services on GOV.UK only, and this one is not: GOV.UK Frontend's own setting,
 * `$govuk-font-family` (settings/_typography-font.scss, "GDS Transport", arial, sans-serif by
 * default), exists so that such services set another stack, and GDS's note "Can I use the
 * GOV.UK fonts?" (https://designnotes.blog.gov.uk/2015/03/11/can-i-use-the-gov-uk-fonts/, see
 * also https://design-system.service.gov.uk/styles/typography/) says the font is for GOV.UK
 * only. Compiling the Sass would need a `sass` dependency for one variable; the shipped CSS
 * names the font in two ways only, so it is rewritten instead (and tested): the @font-face
 * rules go, every stack becomes the one a service off GOV.UK is told to use, Arial, and the
 * font files are not served at all (configureConsole serves the images alone).
 */
export function govukCssWithoutGdsTransport(css: string): string {
  return css
    .replaceAll('url(/assets/', 'url(/console/assets/')
    .replace(/@font-face\{font-family:"?GDS Transport"?;[^}]*\}/g, '')
    .replace(
      /font-family:"?GDS Transport"?,\s*arial,\s*sans-serif/gi,
      'font-family:arial,sans-serif',
    );
}

/** The console's own stylesheet: the few things GOV.UK Frontend has no class for. */
export const CONSOLE_CSS = `
.console-signed-in { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; justify-content: space-between; padding-top: 15px; }
.console-inline-form { display: inline; margin: 0; }
.console-sign-out { margin-bottom: 0; }
.console-muted { color: #484949; }
.console-partnership { margin-bottom: 50px; }
.console-figures { display: flex; flex-wrap: wrap; gap: 15px; margin-bottom: 20px; }
.console-figure { border-left: 5px solid #1d70b8; padding: 5px 15px; font-size: 19px; }
.console-figure--alert { border-left-color: #ca3535; }
.console-figure__number { display: block; font-size: 48px; font-weight: 700; line-height: 1.1; }
.console-filters__row { display: flex; flex-wrap: wrap; gap: 0 20px; }
.console-ladder { list-style: none; padding: 0; margin: 0 0 30px; }
.console-ladder__stage { border-left: 5px solid #b1b4b6; padding: 5px 0 5px 15px; margin-bottom: 15px; }
.console-ladder__stage--current { border-left-color: #1d70b8; }
.console-ladder__stage--done { border-left-color: #00703c; }
.console-dates { display: grid; grid-template-columns: max-content 1fr; gap: 0 15px; margin: 0 0 10px; }
.console-dates dt { font-weight: 700; }
.console-dates dd { margin: 0; }
.console-breach { margin-bottom: 10px; }
.console-message { border-left: 5px solid #b1b4b6; padding-left: 15px; margin-bottom: 25px; }
.console-message--in { border-left-color: #1d70b8; }
.console-chart { max-width: 100%; height: auto; margin-bottom: 20px; }
.console-message__text { white-space: pre-wrap; word-break: break-word; font-family: inherit; margin: 0; }
@media print {
  .govuk-service-navigation, .console-signed-in, .console-filters, .console-no-print, form, .govuk-footer, .govuk-skip-link { display: none; }
  .govuk-grid-column-one-half { width: 50%; float: left; }
  a { color: #0b0c0c; text-decoration: none; }
  .govuk-details__text { display: block; }
}
`;

/** Progressive enhancement only: GOV.UK Frontend's components; every page works without it. */
export const CONSOLE_JS = `import { initAll } from './govuk-frontend.min.js';
initAll();
`;

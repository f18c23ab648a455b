import { renderView } from './views';

// The annual report's list of cases that reached the final stage is written out rather than
// drawn by govukTable (the macro is most of the page's time for a year's hundreds of rows):
// it must still be GOV.UK's table, with its headings, and escape what it shows.
describe('the annual report page', () => {
  it("lists the cases that reached the final stage in GOV.UK's table markup, escaped", () => {
    const html = renderView('annual.njk', {
      title: 'Escalations in 2026',
      section: 'reports',
      report: { year: 2026, policy: 'nel', finalStage: 5, onTimeDefinition: '' },
      partnership: 'North East Lincolnshire',
      figures: [],
      chart: '',
      perStage: [],
      reached: [
        ['NEL-2026-0001', '2026-03-02', 'Police / <Health>', 'Threshold', 'Open', 'open'].map(
          (text) => ({ text }),
        ),
      ],
      cspNonce: 'nonce',
      signedIn: null,
      csrf: '',
    });
    const table = html.slice(html.indexOf('Cases that reached stage 5'));
    expect(table).toMatch(
      /<table class="govuk-table">\s*<caption class="govuk-table__caption govuk-visually-hidden">Cases that reached the final stage<\/caption>/,
    );
    for (const heading of ['Case', 'Raised', 'Agencies', 'Category', 'Status']) {
      expect(table).toContain(`<th scope="col" class="govuk-table__header">${heading}</th>`);
    }
    expect(table).toContain(
      '<tr class="govuk-table__row"><td class="govuk-table__cell">NEL-2026-0001</td><td class="govuk-table__cell">2026-03-02</td><td class="govuk-table__cell">Police / &lt;Health&gt;</td>',
    );
  });
});

/** The annual report for a year: printable (the print stylesheet) and as PDF. */
export const annual = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/summary-list/macro.njk" import govukSummaryList %}
{% block content %}
<span class="govuk-caption-l">{{ partnership }}</span>
<h1 class="govuk-heading-l">Escalations in {{ report.year }}</h1>
<p class="govuk-body console-no-print">Print this page from your browser, or <a class="govuk-link" href="/console/reports/annual.pdf?policy={{ report.policy | urlencode }}&year={{ report.year }}">download it as PDF</a>.
{% if previousYear %}<a class="govuk-link" href="/console/reports/annual?policy={{ report.policy | urlencode }}&year={{ previousYear }}">{{ previousYear }}</a>{% endif %}</p>
{{ govukSummaryList({ rows: figures }) }}
<p class="govuk-body-s console-muted">{{ report.onTimeDefinition }}</p>
<h2 class="govuk-heading-m">Resolved at each stage</h2>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-one-half">{{ chart | safe }}</div>
  <div class="govuk-grid-column-one-half">
    {{ govukTable({ caption: "Resolved at each stage", captionClasses: "govuk-visually-hidden", head: [{ text: "Stage" }, { text: "Resolved", format: "numeric" }], rows: perStage }) }}
  </div>
</div>
<h2 class="govuk-heading-m">Cases that reached stage {{ report.finalStage }}</h2>
{% if reached | length %}
  {#- govukTable's markup written out: the macro builds every cell's attributes through another
      macro, most of the page's time for a year's hundreds of rows -#}
  <table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Cases that reached the final stage</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        {%- for heading in ["Case", "Raised", "Agencies", "Category", "Status", "Outcome at the stage"] %}<th scope="col" class="govuk-table__header">{{ heading }}</th>{% endfor -%}
      </tr>
    </thead>
    <tbody class="govuk-table__body">
    {%- for row in reached %}
      <tr class="govuk-table__row">{% for cell in row %}<td class="govuk-table__cell">{{ cell.text }}</td>{% endfor %}</tr>
    {%- endfor %}
    </tbody>
  </table>
{% else %}
  <p class="govuk-body">None.</p>
{% endif %}
{% endblock %}
`;

/** Timeliness for one partnership: each chart drawn on the server, its figures beside it. */
export const reports = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/select/macro.njk" import govukSelect %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/error-summary/macro.njk" import govukErrorSummary %}
{% block content %}
<h1 class="govuk-heading-l">Reports</h1>
{% if errors | length %}{{ govukErrorSummary({ titleText: "There is a problem", errorList: errors }) }}{% endif %}
<form method="get" action="/console/reports" class="console-filters">
  <div class="console-filters__row">
    {{ govukSelect({ id: "policy", name: "policy", label: { text: "Partnership" }, items: policyItems }) }}
    {{ govukInput({ id: "from", name: "from", label: { text: "Raised from" }, hint: { text: "yyyy-mm-dd" }, classes: "govuk-input--width-10", value: query.from }) }}
    {{ govukInput({ id: "to", name: "to", label: { text: "Raised to" }, hint: { text: "yyyy-mm-dd" }, classes: "govuk-input--width-10", value: query.to }) }}
  </div>
  {{ govukButton({ text: "Show the report", classes: "govuk-button--secondary" }) }}
</form>
{% if report %}
  <p class="govuk-body"><a class="govuk-link" href="/console/reports/annual?policy={{ report.policy | urlencode }}&year={{ year }}">Annual report for {{ year }}</a></p>
  <p class="govuk-body">{{ report.overall.cases }} cases raised{% if report.from %} from {{ report.from }}{% endif %}{% if report.to %} to {{ report.to }}{% endif %}: {{ report.overall.open }} open, {{ report.overall.resolved }} resolved, {{ report.overall.decided }} decided, {{ report.overall.withdrawn }} withdrawn.
  On time: {{ onTime }}.</p>
  <p class="govuk-body-s console-muted">{{ report.onTimeDefinition }}</p>
  {% for chart in charts %}
    <h2 class="govuk-heading-m">{{ chart.title }}</h2>
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-half">{{ chart.svg | safe }}</div>
      <div class="govuk-grid-column-one-half">
        {{ govukTable({ caption: chart.title, captionClasses: "govuk-visually-hidden", head: chart.head, rows: chart.rows }) }}
      </div>
    </div>
  {% endfor %}
{% endif %}
{% endblock %}
`;

/** The case list: the API's filters and sorts (by column heading), a page at a time, and the same as CSV. */
export const cases = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/select/macro.njk" import govukSelect %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/error-summary/macro.njk" import govukErrorSummary %}
{% from "govuk/components/tag/macro.njk" import govukTag %}
{% block content %}
<h1 class="govuk-heading-l">Cases</h1>
{% if errors | length %}
  {{ govukErrorSummary({ titleText: "There is a problem", errorList: errors }) }}
{% endif %}
<form method="get" action="/console/cases" class="console-filters">
  <div class="console-filters__row">
    {{ govukSelect({ id: "policy", name: "policy", label: { text: "Partnership" }, items: policyItems }) }}
    {{ govukSelect({ id: "status", name: "status", label: { text: "Status" }, items: statusItems }) }}
    {{ govukInput({ id: "stage", name: "stage", label: { text: "Stage" }, classes: "govuk-input--width-3", inputmode: "numeric", value: query.stage }) }}
    {{ govukSelect({ id: "overdue", name: "overdue", label: { text: "Overdue" }, items: overdueItems }) }}
  </div>
  <div class="console-filters__row">
    {{ govukInput({ id: "agency", name: "agency", label: { text: "Agency" }, classes: "govuk-input--width-20", value: query.agency }) }}
    {{ govukInput({ id: "category", name: "category", label: { text: "Category" }, classes: "govuk-input--width-10", value: query.category }) }}
    {{ govukInput({ id: "from", name: "from", label: { text: "Raised from" }, hint: { text: "yyyy-mm-dd" }, classes: "govuk-input--width-10", value: query.from }) }}
    {{ govukInput({ id: "to", name: "to", label: { text: "Raised to" }, hint: { text: "yyyy-mm-dd" }, classes: "govuk-input--width-10", value: query.to }) }}
  </div>
  {% if query.sort %}<input type="hidden" name="sort" value="{{ query.sort }}">{% endif %}
  {{ govukButton({ text: "Show cases", classes: "govuk-button--secondary" }) }}
</form>
<p class="govuk-body">{{ sortText }} Sort by a column's heading. <a class="govuk-link" href="/console/cases.csv{{ csvQuery }}" download>Download these cases as CSV</a> (references, not names).</p>
{% if items | length %}
  {% set rows = [] %}
  {% for c in items %}
    {% set rows = (rows.push([
      { html: '<a class="govuk-link" href="/console/cases/' ~ (c.ref | urlencode) ~ '">' ~ (c.ref | escape) ~ '</a>' },
      { text: c.caseName },
      { text: c.raisedDate },
      { text: c.agency ~ " / " ~ c.otherAgency },
      { text: c.statusText },
      { text: "Stage " ~ c.currentStage ~ (": " ~ c.stageTitle if c.stageTitle else "") },
      { html: ((c.currentDueDate | escape) if c.currentDueDate else "") ~ (' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' if c.overdue else "") }
    ]), rows) %}
  {% endfor %}
  {{ govukTable({
    caption: items | length ~ " cases on this page",
    captionClasses: "govuk-visually-hidden",
    head: head,
    rows: rows
  }) }}
{% else %}
  <p class="govuk-body">No case matches.</p>
{% endif %}
{% if nextPage %}
  <nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of cases">
    <div class="govuk-pagination__next">
      <a class="govuk-link govuk-pagination__link" href="/console/cases{{ nextPage }}" rel="next">
        <span class="govuk-pagination__link-title">Next page</span>
      </a>
    </div>
  </nav>
{% endif %}
{% endblock %}
`;

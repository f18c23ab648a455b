/** Each partnership in scope: what is open, what is late, what happened this month. */
export const overview = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/summary-list/macro.njk" import govukSummaryList %}
{% block content %}
<h1 class="govuk-heading-l">Overview</h1>
{% if not partnerships | length %}
  <p class="govuk-body">This key's scope holds no partnership in force.</p>
{% endif %}
{% for p in partnerships %}
  <section class="console-partnership" aria-labelledby="partnership-{{ p.policy.id }}">
    <h2 class="govuk-heading-m" id="partnership-{{ p.policy.id }}">{{ p.policy.partnership }}</h2>
    <p class="govuk-body-s console-muted">{{ p.policy.title }}</p>
    <div class="console-figures">
      <div class="govuk-body console-figure{% if p.overdue %} console-figure--alert{% endif %}"><span class="console-figure__number">{{ p.overdue }}</span> overdue now</div>
      <div class="govuk-body console-figure"><span class="console-figure__number">{{ p.dueSoon }}</span> due in the next 5 working days</div>
      <div class="govuk-body console-figure"><span class="console-figure__number">{{ p.open }}</span> open</div>
    </div>
    {{ govukSummaryList({
      classes: "govuk-summary-list--no-border",
      rows: [
        { key: { text: "Deadlines missed this month" }, value: { text: p.breachesThisMonth } },
        { key: { text: "Resolved this month" }, value: { text: p.resolvedThisMonth } },
        { key: { text: "Median working days to resolve" }, value: { text: (p.medianWorkingDaysToResolve ~ " (" ~ p.resolvedForMedian ~ " cases resolved in the last year)") if p.medianWorkingDaysToResolve !== null else "No case resolved in the last year" } }
      ]
    }) }}
    {% set stageRows = [] %}
    {% for s in p.openByStage %}
      {% set stageRows = (stageRows.push([
        { text: "Stage " ~ s.stage ~ ": " ~ s.title },
        { html: '<a class="govuk-link" href="/console/cases?policy=' ~ p.policy.id ~ '&status=open&stage=' ~ s.stage ~ '">' ~ s.open ~ '<span class="govuk-visually-hidden"> open at stage ' ~ s.stage ~ '</span></a>' if s.open else "0", format: "numeric" }
      ]), stageRows) %}
    {% endfor %}
    {{ govukTable({
      caption: "Open cases by stage",
      captionClasses: "govuk-table__caption--s",
      firstCellIsHeader: true,
      head: [{ text: "Stage" }, { text: "Open", format: "numeric" }],
      rows: stageRows
    }) }}
    {% if p.overdueCases | length %}
      {% set lateRows = [] %}
      {% for c in p.overdueCases %}
        {% set lateRows = (lateRows.push([
          { html: '<a class="govuk-link" href="/console/cases/' ~ (c.ref | urlencode) ~ '">' ~ (c.ref | escape) ~ '</a>' },
          { text: "Stage " ~ c.currentStage ~ (": " ~ c.stageTitle if c.stageTitle else "") },
          { text: c.currentDueDate },
          { text: c.agency }
        ]), lateRows) %}
      {% endfor %}
      {{ govukTable({
        caption: "Overdue now",
        captionClasses: "govuk-table__caption--s",
        head: [{ text: "Case" }, { text: "Stage" }, { text: "Was due" }, { text: "Raised by" }],
        rows: lateRows
      }) }}
      <p class="govuk-body"><a class="govuk-link" href="/console/cases?policy={{ p.policy.id }}&status=open&overdue=true">Every overdue case of {{ p.policy.partnership }}</a></p>
    {% else %}
      <p class="govuk-body">No case is overdue.</p>
    {% endif %}
  </section>
{% endfor %}
{% endblock %}
`;

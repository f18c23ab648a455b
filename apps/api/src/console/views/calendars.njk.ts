/** The working-day calendars the deadlines are counted in: holidays, and when each runs out. */
export const calendars = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/warning-text/macro.njk" import govukWarningText %}
{% block content %}
<h1 class="govuk-heading-l">Calendars</h1>
<p class="govuk-body">Deadlines are counted in working days: weekdays that are not a holiday or a closure day of the partnership's calendar.</p>
{% for w in warnings %}
  {{ govukWarningText({ text: w, iconFallbackText: "Warning" }) }}
{% endfor %}
{{ govukTable({
  caption: "Calendars in use", captionClasses: "govuk-table__caption--m",
  head: [{ text: "Calendar" }, { text: "Used by" }, { text: "Time zone" }, { text: "Knows the holidays from" }, { text: "Until" }],
  rows: calendarRows
}) }}
{% if selected %}
  <h2 class="govuk-heading-m">{{ selected.title }}, {{ year }}</h2>
  <p class="govuk-body">
    {% if previousYear %}<a class="govuk-link" href="/console/calendars?calendar={{ selected.id }}&year={{ previousYear }}">{{ previousYear }}</a>{% endif %}
    {% if nextYear %} · <a class="govuk-link" href="/console/calendars?calendar={{ selected.id }}&year={{ nextYear }}">{{ nextYear }}</a>{% endif %}
  </p>
  {{ govukTable({
    caption: "Working days by month", captionClasses: "govuk-table__caption--s",
    head: [{ text: "Month" }, { text: "Working days", format: "numeric" }],
    rows: months
  }) }}
  {{ govukTable({
    caption: "Holidays and closure days on weekdays", captionClasses: "govuk-table__caption--s",
    head: [{ text: "Date" }, { text: "What" }],
    rows: closed
  }) }}
{% endif %}
{% endblock %}
`;

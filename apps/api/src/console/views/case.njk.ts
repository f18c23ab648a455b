/**
 * One case: who is on it, the stage ladder with its dates, extensions and breaches, the
 * chronology, the mail in and out with its text, the records; for admins, the reply
 * commands' actions.
 */
export const caseView = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/summary-list/macro.njk" import govukSummaryList %}
{% from "govuk/components/tag/macro.njk" import govukTag %}
{% from "govuk/components/notification-banner/macro.njk" import govukNotificationBanner %}
{% from "govuk/components/error-summary/macro.njk" import govukErrorSummary %}
{% from "govuk/components/select/macro.njk" import govukSelect %}
{% from "govuk/components/textarea/macro.njk" import govukTextarea %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/details/macro.njk" import govukDetails %}
{% block content %}
{% if done %}
  {{ govukNotificationBanner({ type: "success", text: done }) }}
{% endif %}
{% if actionError %}
  {{ govukErrorSummary({ titleText: "There is a problem", errorList: [{ text: actionError, href: "#action-text" }] }) }}
{% endif %}
<span class="govuk-caption-l">{{ policy.partnership }}</span>
<h1 class="govuk-heading-l">Case {{ c.ref }}</h1>
<p class="govuk-body">
  {{ govukTag({ text: statusText, classes: "govuk-tag--blue" if c.status == "open" else "govuk-tag--grey" }) }}
  {% if overdue %}{{ govukTag({ text: "Overdue", classes: "govuk-tag--red" }) }}{% endif %}
</p>
{{ govukSummaryList({ rows: facts }) }}

<h2 class="govuk-heading-m" id="people">People on the case</h2>
{{ govukTable({
  caption: "People on the case", captionClasses: "govuk-visually-hidden",
  head: [{ text: "Name" }, { text: "Email" }, { text: "Role" }, { text: "Agency" }, { text: "Joined at stage", format: "numeric" }],
  rows: people
}) }}

<h2 class="govuk-heading-m" id="stages">Stages</h2>
<ol class="console-ladder">
{% for s in ladder %}
  <li class="console-ladder__stage console-ladder__stage--{{ s.state }}">
    <h3 class="govuk-heading-s">Stage {{ s.number }}: {{ s.title }} <span class="govuk-body-s console-muted">({{ s.stateText }})</span></h3>
    <p class="govuk-body-s">Who acts: {{ s.whoActs }}</p>
    {% if s.record %}
      <dl class="govuk-body-s console-dates">
        <dt>Began</dt><dd>{{ s.record.started }} ({{ s.record.enteredBy }})</dd>
        {% if s.record.dueDate %}<dt>Due</dt><dd>{{ s.record.dueDate }}{% if s.record.policyDueDate and s.record.policyDueDate != s.record.dueDate %} (the policy's date was {{ s.record.policyDueDate }}){% endif %}</dd>{% endif %}
        {% if s.record.beyondCalendar %}<dt>Due</dt><dd>not yet known: the calendar ends before it</dd>{% endif %}
        {% if s.record.completed %}<dt>Ended</dt><dd>{{ s.record.completed }}: {{ s.record.outcome }}{% if s.record.workingDaysTaken !== null %}, after {{ s.record.workingDaysTaken }} working days{% endif %}</dd>{% endif %}
      </dl>
      {% for e in s.record.extensions %}
        <p class="govuk-body-s">Extended from {{ e.fromDueDate }} to {{ e.dueDate }} by {{ e.agreedBy }}: {{ e.reason }}</p>
      {% endfor %}
      {% for b in s.record.breaches %}
        <div class="govuk-warning-text console-breach">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>
            Deadline missed: due {{ b.dueDate }}.
            {% if b.rationale %}Rationale from {{ b.rationale.by }}: {{ b.rationale.text }}{% else %}No rationale given yet.{% endif %}
          </strong>
        </div>
      {% endfor %}
    {% endif %}
  </li>
{% endfor %}
</ol>

<h2 class="govuk-heading-m" id="chronology">Chronology</h2>
<p class="govuk-body"><a class="govuk-link" href="/console/cases/{{ c.ref | urlencode }}/chronology.pdf">Chronology as PDF</a>
{% for f in forms %} · <a class="govuk-link" href="/console/cases/{{ c.ref | urlencode }}/records/{{ f.id | urlencode }}.pdf">{{ f.title }} (PDF)</a>{% endfor %}</p>
{{ govukTable({
  caption: "Chronology", captionClasses: "govuk-visually-hidden",
  head: [{ text: "When" }, { text: "Who" }, { text: "What" }, { text: "Stage" }, { text: "Stage due" }],
  rows: chronology
}) }}

<h2 class="govuk-heading-m" id="messages">Messages</h2>
{% if not messages | length %}<p class="govuk-body">No message yet.</p>{% endif %}
{% for m in messages %}
  <div class="console-message console-message--{{ m.direction }}">
    <p class="govuk-body-s"><strong>{{ "In" if m.direction == "in" else "Out" }}</strong> {{ m.when }} · {{ m.kind or "message" }}</p>
    <p class="govuk-body-s">From {{ m.from or "unknown" }} to {{ m.to | join(", ") or "nobody" }}{% if m.cc | length %}, copied to {{ m.cc | join(", ") }}{% endif %}</p>
    <p class="govuk-body"><strong>{{ m.subject or "(no subject)" }}</strong></p>
    {% set messageText %}<pre class="console-message__text">{{ m.text }}</pre>{% endset %}
    {{ govukDetails({ summaryText: "Text of the message", html: messageText }) }}
    {% for a in m.attachments %}<p class="govuk-body-s">Attached: {{ a.filename or "unnamed" }} ({{ a.contentType }}, {{ a.size }} bytes)</p>{% endfor %}
  </div>
{% endfor %}

{% if isAdmin and c.status == "open" %}
  <h2 class="govuk-heading-m" id="act">Act on the case</h2>
  <p class="govuk-body">As a reply command would: the people on the case are told by email, and it goes in the chronology under your key's name.</p>
  <form method="post" action="/console/cases/{{ c.ref | urlencode }}/actions" novalidate>
    <input type="hidden" name="_csrf" value="{{ csrf }}">
    {{ govukSelect({ id: "action", name: "action", label: { text: "Action", classes: "govuk-label--s" }, items: actionItems }) }}
    {{ govukTextarea({ id: "action-text", name: "text", label: { text: "Reason, outcome or note", classes: "govuk-label--s" }, hint: { text: "Every action needs its reason, in the words the people on the case will read." }, value: form.text }) }}
    {{ govukInput({ id: "workingDays", name: "workingDays", label: { text: "Extend by working days" }, hint: { text: "Only for an extension: working days, or a date below" }, classes: "govuk-input--width-3", inputmode: "numeric", value: form.workingDays }) }}
    {{ govukInput({ id: "until", name: "until", label: { text: "Extend until" }, hint: { text: "yyyy-mm-dd" }, classes: "govuk-input--width-10", value: form.until }) }}
    {{ govukButton({ text: "Apply" }) }}
  </form>
{% endif %}
{% endblock %}
`;

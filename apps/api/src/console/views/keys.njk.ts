/** Keys within the admin's scope: who holds what, a new key shown once, revoking. */
export const keys = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/table/macro.njk" import govukTable %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/radios/macro.njk" import govukRadios %}
{% from "govuk/components/checkboxes/macro.njk" import govukCheckboxes %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/panel/macro.njk" import govukPanel %}
{% from "govuk/components/notification-banner/macro.njk" import govukNotificationBanner %}
{% from "govuk/components/error-summary/macro.njk" import govukErrorSummary %}
{% block content %}
{% if error %}
  {{ govukErrorSummary({ titleText: "There is a problem", errorList: [{ text: error, href: "#label" }] }) }}
{% endif %}
{% if revoked %}
  {{ govukNotificationBanner({ type: "success", text: "The key was revoked. It no longer works, and its console sessions have ended." }) }}
{% endif %}
{% if created %}
  {{ govukPanel({ titleText: "Key made: " ~ created.label, text: "Copy it now: it is shown this once." }) }}
  <p class="govuk-body"><label class="govuk-label govuk-label--s" for="new-key">The new key</label>
  <input class="govuk-input" id="new-key" readonly value="{{ created.key }}" spellcheck="false"></p>
{% endif %}
<h1 class="govuk-heading-l">API keys</h1>
{% if rows | length %}
  {{ govukTable({
    caption: "Keys within your scope", captionClasses: "govuk-table__caption--m",
    head: [{ text: "Label" }, { text: "Role" }, { text: "Partnerships" }, { text: "Begins" }, { text: "Made" }, { text: "Last used" }, { text: "" }],
    rows: rows
  }) }}
{% endif %}
<h2 class="govuk-heading-m">Make a key</h2>
<form method="post" action="/console/keys" novalidate>
  <input type="hidden" name="_csrf" value="{{ csrf }}">
  {{ govukInput({ id: "label", name: "label", label: { text: "Label", classes: "govuk-label--s" }, hint: { text: "Whose key it is, so you can tell keys apart" }, classes: "govuk-input--width-20" }) }}
  {{ govukRadios({ name: "role", fieldset: { legend: { text: "Role", classes: "govuk-fieldset__legend--s" } }, items: roleItems }) }}
  {{ govukCheckboxes({ name: "policies", fieldset: { legend: { text: "Partnerships", classes: "govuk-fieldset__legend--s" } }, hint: { text: "None ticked: the same as your key's" }, items: policyItems }) }}
  {{ govukButton({ text: "Make the key" }) }}
</form>
{% endblock %}
`;

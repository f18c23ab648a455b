/** Paste an API key once; the console keeps a session. */
export const signIn = String.raw`{% extends "layout.njk" %}
{% from "govuk/components/password-input/macro.njk" import govukPasswordInput %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/notification-banner/macro.njk" import govukNotificationBanner %}
{% from "govuk/components/error-summary/macro.njk" import govukErrorSummary %}
{% block content %}
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    {% if error %}
      {{ govukErrorSummary({ titleText: "There is a problem", errorList: [{ text: error, href: "#key" }] }) }}
    {% endif %}
    {% if signedOut %}
      {{ govukNotificationBanner({ type: "success", text: "You have signed out." }) }}
    {% endif %}
    <h1 class="govuk-heading-l">Sign in</h1>
    <p class="govuk-body">Paste the API key you were given. The console remembers you for up to 8 hours without use, and 7 days at most.</p>
    <form method="post" action="/console/sign-in" novalidate>
      <input type="hidden" name="_csrf" value="{{ csrf }}">
      {{ govukPasswordInput({
        label: { text: "API key", classes: "govuk-label--s" },
        id: "key",
        name: "key",
        autocomplete: "off",
        errorMessage: { text: error } if error else undefined
      }) }}
      {{ govukButton({ text: "Sign in" }) }}
    </form>
  </div>
</div>
{% endblock %}
`;

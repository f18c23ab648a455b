/** Every page: GOV.UK Frontend's template with the service's header, navigation and sign-out. */
export const layout = String.raw`{% extends "govuk/template.njk" %}
{% from "govuk/components/service-navigation/macro.njk" import govukServiceNavigation %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% set assetPath = "/console/assets" %}
{% block pageTitle %}{{ title }} – Escalations console{% endblock %}
{% block head %}
  <link rel="stylesheet" href="/console/assets/govuk-frontend.min.css">
  <link rel="stylesheet" href="/console/assets/console.css">
{% endblock %}
{% block header %}
  <header class="govuk-template__header">
    <div class="govuk-generic-header">
      <div class="govuk-generic-header__container govuk-width-container">
        <div class="govuk-generic-header__logo">
          <a href="/console" class="govuk-generic-header__homepage-link">Escalations</a>
        </div>
      </div>
    </div>
    {% if signedIn %}
      {{ govukServiceNavigation({
        serviceName: "Escalations console",
        serviceUrl: "/console",
        navigation: [
          { href: "/console/overview", text: "Overview", active: section == "overview" },
          { href: "/console/cases", text: "Cases", active: section == "cases" },
          { href: "/console/reports", text: "Reports", active: section == "reports" },
          { href: "/console/calendars", text: "Calendars", active: section == "calendars" }
        ].concat([{ href: "/console/keys", text: "API keys", active: section == "keys" }] if signedIn.role == "admin" else [])
      }) }}
    {% else %}
      {{ govukServiceNavigation({ serviceName: "Escalations console", serviceUrl: "/console" }) }}
    {% endif %}
  </header>
{% endblock %}
{% block beforeContent %}
  {% if signedIn %}
    <div class="console-signed-in govuk-body-s">
      <span>Signed in with the key <strong>{{ signedIn.label }}</strong> ({{ signedIn.role }}{% if signedIn.policies | length and signedIn.policies[0] != "*" %}, {{ signedIn.policies | join(", ") }}{% else %}, every partnership{% endif %})</span>
      <form method="post" action="/console/sign-out" class="console-inline-form">
        <input type="hidden" name="_csrf" value="{{ csrf }}">
        <button type="submit" class="govuk-button govuk-button--secondary console-sign-out" data-module="govuk-button">Sign out</button>
      </form>
    </div>
  {% endif %}
{% endblock %}
{% block footer %}
  <footer class="govuk-footer"><div class="govuk-width-container"><p class="govuk-body-s">Professional disagreements between safeguarding agencies, tracked to each partnership's policy.</p></div></footer>
{% endblock %}
{% block bodyEnd %}
  <script type="module" src="/console/assets/govuk-frontend.min.js"></script>
  <script type="module" src="/console/assets/console.js"></script>
{% endblock %}
`;

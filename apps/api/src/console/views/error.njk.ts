/** Not found, not allowed, or our fault: said plainly, with the way back. */
export const error = String.raw`{% extends "layout.njk" %}
{% block content %}
<h1 class="govuk-heading-l">{{ title }}</h1>
<p class="govuk-body">{{ message }}</p>
<p class="govuk-body"><a class="govuk-link" href="/console/overview">Go to the overview</a></p>
{% endblock %}
`;

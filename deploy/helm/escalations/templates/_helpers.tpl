{{/* The release's name for every object, shortened to what Kubernetes allows. */}}
{{- define "escalations.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "escalations.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selects one role's pods: call with (dict "root" $ "component" "api"). */}}
{{- define "escalations.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "escalations.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "escalations.databaseSecret" -}}
{{- if .Values.database.existingSecret -}}
{{ .Values.database.existingSecret }}
{{- else -}}
{{ include "escalations.fullname" . }}-database
{{- end -}}
{{- end -}}

{{- define "escalations.secret" -}}
{{- if .Values.secrets.existingSecret -}}
{{ .Values.secrets.existingSecret }}
{{- else -}}
{{ include "escalations.fullname" . }}-secrets
{{- end -}}
{{- end -}}

{{/* What both roles read: the database, the shared settings, the keys and mail credentials. */}}
{{- define "escalations.env" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "escalations.databaseSecret" . }}
      key: {{ .Values.database.existingSecretKey }}
- name: DATA_DIR
  value: /data
{{- range $name, $value := .Values.config }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- range $name, $value := .Values.extraEnv }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- if .Values.partnershipContacts }}
- name: PARTNERSHIP_CONTACTS
  value: /config/partnership-contacts.yaml
{{- end }}
{{- end -}}

{{/* The pod annotations: a changed Secret or ConfigMap rolls the pods. */}}
{{- define "escalations.checksums" -}}
checksum/secrets: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end -}}

{{- define "escalations.volumes" -}}
# the outbox's .eml files when no SMTP_URL is set; nothing else is written
- name: data
  emptyDir: {}
- name: tmp
  emptyDir: {}
{{- if .Values.partnershipContacts }}
- name: config
  configMap:
    name: {{ include "escalations.fullname" . }}
{{- end }}
{{- end -}}

{{- define "escalations.volumeMounts" -}}
- name: data
  mountPath: /data
- name: tmp
  mountPath: /tmp
{{- if .Values.partnershipContacts }}
- name: config
  mountPath: /config
  readOnly: true
{{- end }}
{{- end -}}

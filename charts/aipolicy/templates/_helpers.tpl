{{/* Chart name. */}}
{{- define "aipolicy.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name prefix: release name, plus the chart name unless the release name contains it. */}}
{{- define "aipolicy.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "aipolicy.webhook.fullname" -}}
{{- printf "%s-admission" (include "aipolicy.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aipolicy.awsScan.fullname" -}}
{{- printf "%s-aws-scan" (include "aipolicy.fullname" .) | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels shared by every object. */}}
{{- define "aipolicy.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/part-of: aipolicy
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "aipolicy.webhook.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aipolicy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: admission-webhook
{{- end -}}

{{- define "aipolicy.webhook.labels" -}}
{{ include "aipolicy.labels" . }}
{{ include "aipolicy.webhook.selectorLabels" . }}
{{- end -}}

{{- define "aipolicy.awsScan.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aipolicy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: aws-posture-scan
{{- end -}}

{{- define "aipolicy.awsScan.labels" -}}
{{ include "aipolicy.labels" . }}
{{ include "aipolicy.awsScan.selectorLabels" . }}
{{- end -}}

{{/* The image, pinned by digest; the render fails without a valid digest. */}}
{{- define "aipolicy.image" -}}
{{- $digest := .Values.image.digest | default "" | toString -}}
{{- if not $digest -}}
{{- fail "image.digest is required: aipolicy deploys only by digest (set --set image.digest=sha256:<64 hex>)" -}}
{{- end -}}
{{- if not (regexMatch "^sha256:[0-9a-f]{64}$" $digest) -}}
{{- fail (printf "image.digest must be sha256:<64 lowercase hex>, got %q" $digest) -}}
{{- end -}}
{{- if not .Values.image.repository -}}
{{- fail "image.repository is required" -}}
{{- end -}}
{{- printf "%s@%s" .Values.image.repository $digest -}}
{{- end -}}

{{/* Name of the Secret holding the webhook's serving certificate. */}}
{{- define "aipolicy.webhook.tlsSecret" -}}
{{- if .Values.tls.certManager.enabled -}}
{{- printf "%s-tls" (include "aipolicy.webhook.fullname" .) -}}
{{- else -}}
{{- required "tls.existingSecret is required when tls.certManager.enabled=false" .Values.tls.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Namespaces the webhook never judges: kube-system, the release namespace, and any extras. */}}
{{- define "aipolicy.webhook.exemptNamespaces" -}}
{{- $all := concat (list .Release.Namespace "kube-system") (.Values.webhook.exemptNamespaces | default list) -}}
{{- toJson (uniq $all | sortAlpha) -}}
{{- end -}}

{{/* Pod-level security context (restricted Pod Security Standard). */}}
{{- define "aipolicy.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.runAsUser }}
runAsGroup: {{ .Values.runAsGroup }}
fsGroup: {{ .Values.runAsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security context. */}}
{{- define "aipolicy.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.runAsUser }}
runAsGroup: {{ .Values.runAsGroup }}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Fail unless the webhook has at least two replicas (checked by the Deployment and the PDB). */}}
{{- define "aipolicy.webhook.checkReplicas" -}}
{{- if lt (int .Values.webhook.replicaCount) 2 -}}
{{- fail "webhook.replicaCount must be at least 2: a single replica makes every admission depend on one pod" -}}
{{- end -}}
{{- end -}}

# METADATA
# title: CloudWatch log groups are encrypted with a KMS key
# description: >-
#   Log groups of an AI system hold Bedrock invocation logs (full prompts and completions),
#   SageMaker endpoint and training logs and API access logs: sensitive inputs and outputs
#   of the models. CloudWatch Logs encrypts them with a service key by default; with
#   kms_key_id set, reading them also needs kms:Decrypt on a key whose policy the owner
#   controls. A log group fails when kms_key_id is absent or empty; an unknown value is
#   not judged.
# custom:
#   id: AIP-AWS-CW-001
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, deployment/incident-management]
#   resource_types: [aws_cloudwatch_log_group]
#   remediation: >-
#     Set kms_key_id to the ARN of a customer-managed KMS key whose key policy allows the
#     logs.<region>.amazonaws.com service principal to use it for this log group.
package aipolicy.aws.cloudwatch.log_group_kms

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_cloudwatch_log_group")
	not _set(object.get(r.attributes, "kms_key_id", null))
	data.aipolicy.lib.resources.known(r, "kms_key_id")
	finding := data.aipolicy.lib.resources.finding(
		r, "kms_key_id",
		"log group is not encrypted with a customer-managed KMS key",
	)
}

_set(value) if {
	is_string(value)
	value != ""
}

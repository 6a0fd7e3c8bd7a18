# METADATA
# title: EKS clusters encrypt Kubernetes secrets with a KMS key
# description: >-
#   Envelope encryption of secrets with a customer-managed KMS key protects the API keys,
#   model-registry tokens and database credentials that model-serving workloads keep in
#   Kubernetes secrets, even from someone who obtains an etcd backup. A cluster fails when no
#   encryption_config lists "secrets" in its resources.
# custom:
#   id: AIP-AWS-EKS-002
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_eks_cluster]
#   remediation: >-
#     Add encryption_config { resources = ["secrets"] provider { key_arn = <customer-managed
#     KMS key ARN> } } to the cluster.
package aipolicy.aws.eks.secrets_encryption

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_cluster")
	not _encrypts_secrets(r)
	data.aipolicy.lib.blocks.known_pattern(r, "encryption_config.*.resources")
	finding := data.aipolicy.lib.resources.finding(
		r, "encryption_config",
		"cluster does not encrypt Kubernetes secrets with a KMS key",
	)
}

_encrypts_secrets(r) if {
	some configuration in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "encryption_config", null))
	"secrets" in object.get(configuration, "resources", [])
}

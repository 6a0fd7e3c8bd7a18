# METADATA
# title: SageMaker feature group online stores are encrypted with a customer-managed KMS key
# description: >-
#   The online store serves the latest feature values to models at inference time. Without
#   online_store_config.security_config.kms_key_id it is encrypted with an AWS-owned key. A
#   feature group whose online_store_config has enable_online_store = true fails when
#   security_config or its kms_key_id is absent or empty; enable_online_store defaults to
#   false (no online store). Online stores with storage_type "InMemory" are not judged,
#   since this policy assumes that tier does not take a customer-managed key.
# custom:
#   id: AIP-AWS-SM-023
#   severity: MEDIUM
#   category: encryption
#   guidelines: [development/assets, deployment/model-protection]
#   resource_types: [aws_sagemaker_feature_group]
#   remediation: >-
#     Add online_store_config.security_config { kms_key_id = <customer-managed key ARN> }.
package aipolicy.aws.sagemaker.feature_group_online_kms

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_feature_group")
	some i, online in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "online_store_config", null))
	online.enable_online_store == true
	object.get(online, "storage_type", null) != "InMemory"
	not _has_key(object.get(online, "security_config", null))
	data.aipolicy.lib.resources.known(r, sprintf("online_store_config.%d.enable_online_store", [i]))
	data.aipolicy.lib.resources.known(r, sprintf("online_store_config.%d.storage_type", [i]))
	path := sprintf("online_store_config.%d.security_config", [i])
	data.aipolicy.lib.resources.known(r, path)
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"feature group online store is not encrypted with a customer-managed KMS key",
	)
}

_has_key(security) if {
	some config in data.aipolicy.lib.blocks.elements(security)
	key := object.get(config, "kms_key_id", null)
	is_string(key)
	key != ""
}

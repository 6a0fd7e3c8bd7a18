# METADATA
# title: SageMaker production variants start with at least two instances
# description: >-
#   SageMaker spreads the instances of a production variant across Availability Zones. A
#   variant with one instance is a single point of failure: an instance or zone failure, or
#   an instance replacement during patching, takes the model offline. A production variant
#   fails when its initial_instance_count is below 2, unless it is serverless
#   (serverless_config) or managed instance scaling keeps a min_instance_count of at least
#   2. A variant without initial_instance_count is not judged, and scaling configured
#   separately through Application Auto Scaling is not taken into account.
# custom:
#   id: AIP-AWS-SM-016
#   severity: LOW
#   category: resilience
#   guidelines: [design/secure-by-design]
#   resource_types: [aws_sagemaker_endpoint_configuration]
#   remediation: >-
#     Set initial_instance_count = 2 or more on each production variant (or use a
#     serverless_config for intermittent traffic).
package aipolicy.aws.sagemaker.endpoint_config_instance_count

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_endpoint_configuration")
	some i, variant in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "production_variants", null))
	path := sprintf("production_variants.%d.initial_instance_count", [i])
	instances := object.get(variant, "initial_instance_count", null)
	is_number(instances)
	instances < 2
	not data.aipolicy.lib.blocks.present(object.get(variant, "serverless_config", null))
	not _scales_to_two(variant)
	data.aipolicy.lib.resources.known(r, path)
	data.aipolicy.lib.resources.known(r, sprintf("production_variants.%d.serverless_config", [i]))
	data.aipolicy.lib.resources.known(r, sprintf("production_variants.%d.managed_instance_scaling", [i]))
	finding := data.aipolicy.lib.resources.finding(
		r, path,
		"production variant runs on a single instance",
	)
}

_scales_to_two(variant) if {
	some scaling in data.aipolicy.lib.blocks.elements(object.get(variant, "managed_instance_scaling", null))
	scaling.status == "ENABLED"
	minimum := object.get(scaling, "min_instance_count", 0)
	is_number(minimum)
	minimum >= 2
}

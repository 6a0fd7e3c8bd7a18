# METADATA
# title: S3 buckets that hold models or training data are object-locked or replicated
# description: >-
#   A model store or training-data bucket needs a copy an attacker or an accident cannot
#   delete: S3 Object Lock (WORM retention) or replication to another bucket. This policy
#   judges the buckets whose tags mark them as such a store: a tag named purpose,
#   data-classification, data_classification, content or asset-type (any case) whose value
#   is model, models, model-artifacts, model-artefacts, model-registry, training-data,
#   training, dataset or datasets (any case). Tags come from tags and tags_all (provider
#   default tags); when both are unknown the bucket is not judged. Such a bucket passes
#   when object_lock_enabled is true (the provider's default is false), an inline
#   object_lock_configuration enables it, an aws_s3_bucket_object_lock_configuration
#   references it, or an aws_s3_bucket_replication_configuration (or inline
#   replication_configuration) replicates it with a rule whose status is not "Disabled".
#   A lock or replication resource whose bucket is unknown at plan time might be any
#   bucket's, so buckets are not judged then.
# custom:
#   id: AIP-AWS-S3-004
#   severity: MEDIUM
#   category: resilience
#   guidelines: [development/assets, deployment/incident-management]
#   resource_types:
#     - aws_s3_bucket
#     - aws_s3_bucket_object_lock_configuration
#     - aws_s3_bucket_replication_configuration
#   remediation: >-
#     Create the bucket with object_lock_enabled = true and add an
#     aws_s3_bucket_object_lock_configuration with a default retention (GOVERNANCE or
#     COMPLIANCE), or add an aws_s3_bucket_replication_configuration that replicates the
#     bucket to a bucket in another account or region.
package aipolicy.aws.s3.model_store_object_lock

import rego.v1

store_tag_keys := {"purpose", "data-classification", "data_classification", "content", "asset-type"}

store_tag_values := {
	"model", "models", "model-artifacts", "model-artefacts", "model-registry",
	"training-data", "training", "dataset", "datasets",
}

deny contains finding if {
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_object_lock_configuration", "bucket")
	not data.aipolicy.lib.resources.dangling(input, "aws_s3_bucket_replication_configuration", "bucket")
	some bucket in data.aipolicy.lib.resources.of_type(input, "aws_s3_bucket")
	_model_store(bucket)
	not _locked_inline(bucket)
	not _replicated_inline(bucket)
	not _separately_protected(bucket)
	data.aipolicy.lib.resources.known(bucket, "object_lock_enabled")
	data.aipolicy.lib.blocks.known_pattern(bucket, "object_lock_configuration")
	data.aipolicy.lib.blocks.known_pattern(bucket, "replication_configuration")
	finding := data.aipolicy.lib.resources.finding(
		bucket, "object_lock_enabled",
		"model or training-data bucket has neither object lock nor replication",
	)
}

# A bucket is a model store when a known tag map (tags or tags_all) marks it as one.
_model_store(bucket) if {
	some attribute in ["tags", "tags_all"]
	data.aipolicy.lib.resources.known(bucket, attribute)
	tags := object.get(bucket.attributes, attribute, {})
	is_object(tags)
	some key, value in tags
	lower(key) in store_tag_keys
	is_string(value)
	lower(value) in store_tag_values
}

_locked_inline(bucket) if bucket.attributes.object_lock_enabled == true

_locked_inline(bucket) if {
	some config in data.aipolicy.lib.blocks.elements(object.get(bucket.attributes, "object_lock_configuration", null))
	config.object_lock_enabled == "Enabled"
}

_replicated_inline(bucket) if {
	some config in data.aipolicy.lib.blocks.elements(object.get(bucket.attributes, "replication_configuration", null))
	_has_active_rule(object.get(config, "rules", null))
}

_separately_protected(bucket) if {
	locks := data.aipolicy.lib.resources.referencing(input, "aws_s3_bucket_object_lock_configuration", "bucket", bucket.id)
	count(locks) > 0
}

_separately_protected(bucket) if {
	replications := data.aipolicy.lib.resources.referencing(
		input, "aws_s3_bucket_replication_configuration",
		"bucket", bucket.id,
	)
	some replication in replications
	_replication_may_be_active(replication)
}

# A replication configuration counts unless every rule is known to be disabled.
_replication_may_be_active(replication) if not data.aipolicy.lib.blocks.known_pattern(replication, "rule.*.status")

_replication_may_be_active(replication) if _has_active_rule(object.get(replication.attributes, "rule", null))

_has_active_rule(rules) if {
	some rule in data.aipolicy.lib.blocks.elements(rules)
	object.get(rule, "status", "Enabled") != "Disabled"
}

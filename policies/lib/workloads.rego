# METADATA
# title: AI workload resources
# description: >-
#   The resource types that make a configuration an AI system's: SageMaker notebooks,
#   domains, models, endpoints, pipelines and feature stores, and Bedrock agents, knowledge
#   bases, custom models, guardrails, flows and provisioned throughput. Account-level checks
#   ("an audit trail exists where AI resources are managed") report on these resources, so
#   a configuration without them is not judged.
package aipolicy.lib.workloads

import rego.v1

ai_types := [
	"aws_sagemaker_domain",
	"aws_sagemaker_endpoint",
	"aws_sagemaker_endpoint_configuration",
	"aws_sagemaker_feature_group",
	"aws_sagemaker_model",
	"aws_sagemaker_model_package_group",
	"aws_sagemaker_notebook_instance",
	"aws_sagemaker_pipeline",
	"aws_sagemaker_space",
	"aws_sagemaker_user_profile",
	"aws_bedrock_custom_model",
	"aws_bedrock_guardrail",
	"aws_bedrock_inference_profile",
	"aws_bedrock_provisioned_model_throughput",
	"aws_bedrockagent_agent",
	"aws_bedrockagent_flow",
	"aws_bedrockagent_knowledge_base",
	"aws_bedrockagent_prompt",
]

# ai_resources lists the AI workload resources of a view, through the by-type index.
ai_resources(view) := [r |
	some type in ai_types
	some r in data.aipolicy.lib.resources.of_type(view, type)
]

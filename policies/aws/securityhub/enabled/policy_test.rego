package aipolicy.aws.securityhub.enabled_test

import rego.v1

import data.aipolicy.aws.securityhub.enabled as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

notebook := {
	"id": "aws_sagemaker_notebook_instance.lab",
	"type": "aws_sagemaker_notebook_instance",
	"attributes": {"name": "lab"},
	"unresolved": [],
}

hub(type) := {"id": concat(".", [type, "main"]), "type": type, "attributes": {}, "unresolved": []}

test_ai_resources_without_security_hub_fail if {
	policy.deny == {{
		"resource": "aws_sagemaker_notebook_instance.lab",
		"attribute": "securityhub",
		"message": "AI resources are managed but this configuration does not enable Security Hub",
	}} with input as mkview([notebook])
}

test_security_hub_enabled_passes if {
	every type in policy.enabling_types {
		count(policy.deny) == 0 with input as mkview([notebook, hub(type)])
	}
}

test_no_ai_resources_no_finding if {
	count(policy.deny) == 0 with input as mkview([])
}

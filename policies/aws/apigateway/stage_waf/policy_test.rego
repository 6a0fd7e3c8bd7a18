package aipolicy.aws.apigateway.stage_waf_test

import rego.v1

import data.aipolicy.aws.apigateway.stage_waf as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

stage(name) := {
	"id": concat(".", ["aws_api_gateway_stage", name]),
	"type": "aws_api_gateway_stage",
	"attributes": {"stage_name": name},
	"unresolved": [],
}

association(type, refs) := {
	"id": concat(".", [type, "api"]),
	"type": type,
	"attributes": {},
	"unresolved": ["resource_arn", "web_acl_arn"],
	"references": {"resource_arn": refs, "web_acl_arn": ["aws_wafv2_web_acl.api"]},
}

test_stage_without_web_acl_fails if {
	policy.deny == {{
		"resource": "aws_api_gateway_stage.prod",
		"attribute": "web_acl_arn",
		"message": "stage is not protected by a WAF web ACL",
	}} with input as mkview([stage("prod")])
}

test_associated_stage_passes if {
	count(policy.deny) == 0 with input as mkview([
		stage("prod"),
		association("aws_wafv2_web_acl_association", ["aws_api_gateway_stage.prod"]),
	])
	count(policy.deny) == 0 with input as mkview([
		stage("prod"),
		association("aws_wafregional_web_acl_association", ["aws_api_gateway_stage.prod"]),
	])
}

test_association_of_another_stage_does_not_count if {
	policy.deny == {{
		"resource": "aws_api_gateway_stage.dev",
		"attribute": "web_acl_arn",
		"message": "stage is not protected by a WAF web ACL",
	}} with input as mkview([
		stage("prod"),
		stage("dev"),
		association("aws_wafv2_web_acl_association", ["aws_api_gateway_stage.prod"]),
	])
}

test_dangling_association_leaves_stages_unjudged if {
	count(policy.deny) == 0 with input as mkview([stage("prod"), association("aws_wafv2_web_acl_association", [])])
}

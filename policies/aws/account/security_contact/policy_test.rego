package aipolicy.aws.account.security_contact_test

import rego.v1

import data.aipolicy.aws.account.security_contact as policy

mkview(rs) := {
	"resources": {r.id: r | some r in rs},
	"by_type": {x.type: ids_of_type(rs, x.type) | some x in rs},
}

ids_of_type(rs, t) := [r.id | some r in rs; r.type == t]

kb := {
	"id": "aws_bedrockagent_knowledge_base.docs",
	"type": "aws_bedrockagent_knowledge_base",
	"attributes": {"name": "docs"},
	"unresolved": [],
}

contact(type, unresolved) := {
	"id": "aws_account_alternate_contact.c",
	"type": "aws_account_alternate_contact",
	"attributes": {
		"alternate_contact_type": type,
		"email_address": "security@example.com",
		"name": "Security",
		"title": "Security team",
		"phone_number": "+1-555-0100",
	},
	"unresolved": unresolved,
}

test_ai_resources_without_security_contact_fail if {
	policy.deny == {{
		"resource": "aws_bedrockagent_knowledge_base.docs",
		"attribute": "security_contact",
		"message": "AI resources are managed but this configuration registers no security contact",
	}} with input as mkview([kb])
	count(policy.deny) == 1 with input as mkview([kb, contact("BILLING", [])])
}

test_security_contact_passes if {
	count(policy.deny) == 0 with input as mkview([kb, contact("SECURITY", [])])
}

test_unknown_contact_type_does_not_fail if {
	count(policy.deny) == 0 with input as mkview([
		kb,
		object.union(contact("SECURITY", ["alternate_contact_type"]), {"attributes": {"alternate_contact_type": null}}),
	])
}

test_no_ai_resources_no_finding if {
	count(policy.deny) == 0 with input as mkview([contact("BILLING", [])])
}

# METADATA
# title: SageMaker model package group policies do not grant access to everyone
# description: >-
#   A model package group holds the registered versions of a model and their approval
#   status. A resource policy statement that allows Principal "*" (or {"AWS": "*"}) without
#   a Condition lets any AWS account describe, download or even register and approve model
#   versions, depending on its actions. A statement with a Condition (for example on
#   aws:PrincipalOrgID) is not judged, since the condition may restrict it. An unresolved
#   or unparsable resource_policy is not judged.
# custom:
#   id: AIP-AWS-SM-021
#   severity: HIGH
#   category: access-control
#   guidelines: [development/assets, deployment/infrastructure]
#   resource_types: [aws_sagemaker_model_package_group_policy]
#   remediation: >-
#     Name the accounts or roles that need the model packages as principals, or add a
#     Condition such as aws:PrincipalOrgID to restrict the statement to your organisation.
package aipolicy.aws.sagemaker.model_package_group_public_policy

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_sagemaker_model_package_group_policy")
	doc := data.aipolicy.lib.iam.document(object.get(r.attributes, "resource_policy", null))
	some statement in _statements(doc)
	statement.Effect == "Allow"
	_everyone(object.get(statement, "Principal", null))
	object.get(statement, "Condition", null) in {null, {}}
	data.aipolicy.lib.resources.known(r, "resource_policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "resource_policy",
		"model package group policy allows any AWS principal without a condition",
	)
}

_statements(doc) := statements if {
	is_array(doc.Statement)
	statements := [s | some s in doc.Statement; is_object(s)]
}

_statements(doc) := statements if {
	is_object(doc.Statement)
	statements := [doc.Statement]
}

_everyone("*") := true

_everyone(principal) if {
	is_object(principal)
	_includes_wildcard(object.get(principal, "AWS", null))
}

_includes_wildcard("*") := true

_includes_wildcard(values) if {
	is_array(values)
	"*" in values
}

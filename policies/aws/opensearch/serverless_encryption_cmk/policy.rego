# METADATA
# title: OpenSearch Serverless collections are encrypted with a customer-managed key
# description: >-
#   An encryption security policy decides which key encrypts the vector collections behind
#   Bedrock knowledge bases and RAG applications. With an AWS-owned key nobody in the
#   account can audit or revoke its use; a customer-managed key puts decryption under a key
#   policy the owner controls. An aws_opensearchserverless_security_policy of type
#   "encryption" fails when its policy sets AWSOwnedKey true or names no KmsARN. Policies
#   whose type or text is unknown at plan time are not judged.
# custom:
#   id: AIP-AWS-OS-008
#   severity: MEDIUM
#   category: encryption
#   guidelines: [deployment/model-protection, development/assets]
#   resource_types: [aws_opensearchserverless_security_policy]
#   remediation: >-
#     Set the encryption policy to { "Rules": [...], "AWSOwnedKey": false, "KmsARN":
#     "<customer-managed key ARN>" }.
package aipolicy.aws.opensearch.serverless_encryption_cmk

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_opensearchserverless_security_policy")
	r.attributes.type == "encryption"
	doc := _document(object.get(r.attributes, "policy", null))
	not _customer_key(doc)
	data.aipolicy.lib.resources.known(r, "type")
	data.aipolicy.lib.resources.known(r, "policy")
	finding := data.aipolicy.lib.resources.finding(
		r, "policy",
		"encryption policy uses an AWS-owned key instead of a customer-managed key",
	)
}

_document(policy) := doc if {
	is_string(policy)
	json.is_valid(policy)
	doc := json.unmarshal(policy)
	is_object(doc)
}

_customer_key(doc) if {
	object.get(doc, "AWSOwnedKey", false) != true
	key := object.get(doc, "KmsARN", "")
	is_string(key)
	key != ""
}

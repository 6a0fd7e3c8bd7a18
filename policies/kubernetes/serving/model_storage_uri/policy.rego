# METADATA
# title: Models are not downloaded over plain HTTP
# description: >-
#   KServe's storage initializer downloads the model named by storageUri before the server
#   starts. Over http:// anyone on the path can read the weights or replace them with a
#   poisoned model that the server then serves. A storageUri (or an entry of storageUris) of a
#   predictor, transformer or explainer model, or of a TrainedModel, fails when it uses
#   http://.
# custom:
#   id: AIP-K8S-021
#   severity: HIGH
#   category: supply-chain
#   guidelines: [development/supply-chain, deployment/model-protection]
#   resource_types:
#     - serving.kserve.io/InferenceService
#     - serving.kserve.io/TrainedModel
#   remediation: >-
#     Serve models from https://, an object store (s3://, gs://, azureblob://), a PVC
#     (pvc://), an OCI image (oci://) or the Hugging Face hub (hf://).
package aipolicy.kubernetes.serving.model_storage_uri

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "serving.kserve.io/InferenceService")
	some entry in data.aipolicy.lib.kubernetes.containers(r)
	some source in _sources(entry.container)
	_plain_http(source.value)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, source.path)
	finding := data.aipolicy.lib.resources.finding(r, path, "model is downloaded over plain HTTP")
}

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "serving.kserve.io/TrainedModel")
	_plain_http(object.get(r.attributes, ["spec", "model", "storageUri"], null))
	finding := data.aipolicy.lib.resources.finding(r, "spec.model.storageUri", "model is downloaded over plain HTTP")
}

_sources(container) := array.concat(
	[{"path": "storageUri", "value": value} | value := object.get(container, "storageUri", null)],
	[{"path": sprintf("storageUris.%d", [i]), "value": value} |
		values := object.get(container, "storageUris", [])
		is_array(values)
		some i, value in values
	],
)

_plain_http(location) if {
	is_string(location)
	startswith(lower(trim_space(location)), "http://")
}

# METADATA
# title: EKS clusters send API, audit and authenticator logs to CloudWatch
# description: >-
#   The control-plane logs are the record of who read a model server's secrets, exec'd into
#   its pods or changed its deployment; an incident on a cluster that hosts models cannot be
#   investigated without them. A cluster fails when enabled_cluster_log_types does not
#   include each of "api", "audit" and "authenticator" (the provider's and EKS's default is
#   no control-plane logging, so an absent list fails).
# custom:
#   id: AIP-AWS-EKS-004
#   severity: MEDIUM
#   category: logging
#   guidelines: [deployment/incident-management, operation/monitor-behaviour]
#   resource_types: [aws_eks_cluster]
#   remediation: >-
#     Set enabled_cluster_log_types = ["api", "audit", "authenticator"] (add
#     "controllerManager" and "scheduler" if wanted) and give the
#     /aws/eks/<cluster>/cluster log group a retention period.
package aipolicy.aws.eks.control_plane_logging

import rego.v1

required_log_types := ["api", "audit", "authenticator"]

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_cluster")
	enabled := _strings(object.get(r.attributes, "enabled_cluster_log_types", null))
	missing := [t | some t in required_log_types; not t in enabled]
	count(missing) > 0
	data.aipolicy.lib.resources.known(r, "enabled_cluster_log_types")
	finding := data.aipolicy.lib.resources.finding(
		r, "enabled_cluster_log_types",
		concat("", ["cluster control plane does not log: ", concat(", ", missing)]),
	)
}

_strings(value) := texts if {
	is_array(value)
	texts := [v | some v in value; is_string(v)]
}

_strings(value) := [] if not is_array(value)

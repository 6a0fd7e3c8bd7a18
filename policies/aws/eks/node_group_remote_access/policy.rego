# METADATA
# title: EKS node groups do not open SSH to the internet
# description: >-
#   When a managed node group's remote_access block sets ec2_ssh_key but no
#   source_security_group_ids, EKS opens port 22 on every worker node to 0.0.0.0/0: the
#   nodes that run model servers (and hold their weights, tokens and GPU drivers) become
#   reachable over SSH from anywhere. A node group fails when remote_access has a non-empty
#   ec2_ssh_key and source_security_group_ids is absent or empty. A key or security-group
#   list that is unknown at plan time is not judged.
# custom:
#   id: AIP-AWS-EKS-005
#   severity: HIGH
#   category: network
#   guidelines: [deployment/infrastructure, design/secure-by-design]
#   resource_types: [aws_eks_node_group]
#   remediation: >-
#     Drop remote_access and reach nodes through SSM Session Manager, or set
#     remote_access { source_security_group_ids = [<bastion security group>] }.
package aipolicy.aws.eks.node_group_remote_access

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_node_group")
	some i, access in data.aipolicy.lib.blocks.elements(object.get(r.attributes, "remote_access", null))
	key := object.get(access, "ec2_ssh_key", null)
	is_string(key)
	key != ""
	_no_groups(object.get(access, "source_security_group_ids", null))
	data.aipolicy.lib.resources.known(r, sprintf("remote_access.%d.ec2_ssh_key", [i]))
	data.aipolicy.lib.resources.known(r, sprintf("remote_access.%d.source_security_group_ids", [i]))
	finding := data.aipolicy.lib.resources.finding(
		r, sprintf("remote_access.%d.source_security_group_ids", [i]),
		"node group allows SSH from the whole internet",
	)
}

_no_groups(null) := true

_no_groups(groups) if {
	is_array(groups)
	count(groups) == 0
}

# METADATA
# title: EKS node groups do not run Amazon Linux 2 AMIs
# description: >-
#   Amazon EKS ended support for its Amazon Linux 2 optimized AMIs on 2025-11-26 and
#   publishes none for Kubernetes 1.33 and later: node groups on AL2 (including the GPU and
#   Neuron variants that model servers use) no longer receive patched images. A node group
#   fails when ami_type starts with "AL2_" (AL2_x86_64, AL2_x86_64_GPU, AL2_ARM_64).
#   AL2023, Bottlerocket, Windows and CUSTOM (launch template) AMI types pass. An absent
#   ami_type is chosen by EKS from the cluster version (AL2023 for current versions), so it
#   passes; an unknown one is not judged.
# custom:
#   id: AIP-AWS-EKS-007
#   severity: MEDIUM
#   category: updates
#   guidelines: [development/technical-debt, operation/secure-updates]
#   resource_types: [aws_eks_node_group]
#   remediation: >-
#     Move the node group to an AL2023 AMI type (AL2023_x86_64_STANDARD,
#     AL2023_x86_64_NVIDIA, AL2023_x86_64_NEURON, AL2023_ARM_64_STANDARD) or Bottlerocket,
#     migrating node bootstrap from bootstrap.sh to nodeadm.
package aipolicy.aws.eks.node_group_ami_type

import rego.v1

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_node_group")
	ami_type := object.get(r.attributes, "ami_type", null)
	is_string(ami_type)
	startswith(upper(ami_type), "AL2_")
	data.aipolicy.lib.resources.known(r, "ami_type")
	finding := data.aipolicy.lib.resources.finding(
		r, "ami_type",
		"node group runs an Amazon Linux 2 AMI, which no longer receives EKS updates",
	)
}

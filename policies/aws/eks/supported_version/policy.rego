# METADATA
# title: EKS clusters run a Kubernetes version that Amazon EKS still supports
# description: >-
#   A cluster on a Kubernetes version past the end of Amazon EKS support no longer receives
#   security patches. supported_minor_versions in this policy lists the minor versions
#   within EKS standard or extended support when the policy was last reviewed
#   (2026-11-26); a version older than all of them fails, and a version newer than all of
#   them passes, so a release published after the review is not flagged. An absent version
#   means the latest version, which passes. Review the list when EKS versions reach end of
#   support.
# custom:
#   id: AIP-AWS-EKS-003
#   severity: HIGH
#   category: updates
#   guidelines: [operation/secure-updates, development/technical-debt]
#   resource_types: [aws_eks_cluster]
#   remediation: >-
#     Upgrade the cluster (one minor version at a time) to a supported Kubernetes version
#     and set version to it.
package aipolicy.aws.eks.supported_version

import rego.v1

# Minor versions within EKS standard or extended support, as of 2026-11-26.
supported_minor_versions := ["1.32", "1.33", "1.34", "1.35", "1.36"]

deny contains finding if {
	some r in data.aipolicy.lib.resources.of_type(input, "aws_eks_cluster")
	version := _minor(object.get(r.attributes, "version", null))
	not _supported(version)
	data.aipolicy.lib.resources.known(r, "version")
	finding := data.aipolicy.lib.resources.finding(
		r, "version",
		"cluster runs a Kubernetes version that is no longer supported by Amazon EKS",
	)
}

_supported(version) if {
	some listed in supported_minor_versions
	_minor(listed) == version
}

# Newer than every listed version: released after the list was reviewed.
_supported(version) if {
	every listed in supported_minor_versions {
		_newer(version, _minor(listed))
	}
}

# _minor parses "1.32" or "1.32.5" into [1, 32]; undefined for anything else.
_minor(value) := [to_number(parts[0]), to_number(parts[1])] if {
	is_string(value)
	parts := split(value, ".")
	count(parts) in {2, 3}
	every part in parts {
		part != ""
		trim(part, "0123456789") == ""
	}
}

_newer(a, b) if a[0] > b[0]

_newer(a, b) if {
	a[0] == b[0]
	a[1] > b[1]
}

# METADATA
# title: Container image reference helpers
# description: >-
#   Parse container image references such as
#   "111122223333.dkr.ecr.eu-west-1.amazonaws.com/llm-serving:1.4@sha256:<digest>" to tell
#   whether an image is pinned by digest and which private Amazon ECR registry (account)
#   it comes from. Every function is undefined for anything that is not a string, so a
#   malformed value never aborts evaluation.
package aipolicy.lib.images

import rego.v1

# These tests use string functions, not regular expressions: regorus compiles a pattern on
# every call (50-90 microseconds), and they run for every image and ARN of a large plan.

# pinned_by_digest holds when the reference ends in a full sha256 digest: the registry
# serves exactly those bytes whatever later happens to the tag.
pinned_by_digest(image) if {
	is_string(image)
	count(image) >= 72
	substring(image, count(image) - 72, 8) == "@sha256:"
	trim(substring(image, count(image) - 64, 64), "0123456789abcdef") == ""
}

# ecr_account returns the 12-digit account of a private Amazon ECR registry reference
# (<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>...); undefined for any
# other registry, including ECR Public (public.ecr.aws).
ecr_account(image) := host[0] if {
	is_string(image)
	slash := indexof(image, "/")
	slash > 0
	count(image) > slash + 1
	host := split(substring(image, 0, slash), ".")
	account_id(host[0])
	host[1] == "dkr"
	host[2] in {"ecr", "ecr-fips"}
	host[3] != ""
	trim(host[3], "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	array.slice(host, 4, count(host)) in [["amazonaws", "com"], ["amazonaws", "com", "cn"]]
}

# from_private_ecr holds for any private Amazon ECR registry reference.
from_private_ecr(image) if ecr_account(image)

# arn_account returns the account of an ARN (arn:<partition>:<service>:<region>:<account>:...),
# undefined when the ARN has no account (AWS-managed resources) or is not an ARN.
arn_account(arn) := parts[4] if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 6
	parts[0] == "arn"
	account_id(parts[4])
}

# account_id holds for a 12-digit AWS account id.
account_id(text) if {
	count(text) == 12
	trim(text, "0123456789") == ""
}

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

# pinned_by_digest holds when the reference ends in a full sha256 digest: the registry
# serves exactly those bytes whatever later happens to the tag.
pinned_by_digest(image) if {
	is_string(image)
	regex.match(`@sha256:[a-f0-9]{64}$`, image)
}

# ecr_account returns the 12-digit account of a private Amazon ECR registry reference
# (<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>...); undefined for any
# other registry, including ECR Public (public.ecr.aws).
ecr_account(image) := split(image, ".")[0] if {
	is_string(image)
	regex.match(`^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/.+`, image)
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
	regex.match(`^[0-9]{12}$`, parts[4])
}

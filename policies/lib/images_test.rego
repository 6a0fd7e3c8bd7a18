package aipolicy.lib.images_test

import rego.v1

import data.aipolicy.lib.images

digest := "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

ecr_image := "111122223333.dkr.ecr.eu-west-1.amazonaws.com/llm-serving:1.4"

test_pinned_by_digest if {
	images.pinned_by_digest(concat("@", [ecr_image, digest]))
	images.pinned_by_digest(concat("@", ["ghcr.io/acme/server", digest]))
}

test_tag_is_not_a_pin if {
	not images.pinned_by_digest(ecr_image)
	not images.pinned_by_digest("ghcr.io/acme/server:sha256-9f86d0")
	not images.pinned_by_digest("ghcr.io/acme/server@sha256:short")
	not images.pinned_by_digest(null)
	not images.pinned_by_digest(concat("", ["ghcr.io/acme/server@", upper(digest)]))
	not images.pinned_by_digest(concat("", ["ghcr.io/acme/server@", digest, "0"]))
	not images.pinned_by_digest(concat("", ["ghcr.io/acme/server@sha512:", substring(digest, 7, 64)]))
}

test_ecr_account if {
	images.ecr_account(ecr_image) == "111122223333"
	images.ecr_account("111122223333.dkr.ecr-fips.us-east-1.amazonaws.com/m@sha256:x") == "111122223333"
	images.ecr_account("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/m:1") == "111122223333"
	images.from_private_ecr(ecr_image)
}

test_not_private_ecr if {
	not images.ecr_account("public.ecr.aws/acme/server:1")
	not images.ecr_account("docker.io/library/python:3.12")
	not images.ecr_account("huggingface/text-generation-inference:2.0")
	not images.ecr_account("111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil.example/x:1")
	not images.ecr_account(42)
	not images.ecr_account("111122223333.dkr.ecr.eu-west-1.amazonaws.com")
	not images.ecr_account("111122223333.dkr.ecr.eu-west-1.amazonaws.com/")
	not images.ecr_account("11112222333.dkr.ecr.eu-west-1.amazonaws.com/m:1")
	not images.ecr_account("111122223333.dkr.ecr.eu_west.amazonaws.com/m:1")
	not images.ecr_account("111122223333.dkr.ecr.amazonaws.com/m:1")
	not images.from_private_ecr("quay.io/acme/server:1")
}

test_arn_account if {
	images.arn_account("arn:aws:iam::111122223333:role/sagemaker-exec") == "111122223333"
	images.arn_account("arn:aws-cn:iam::111122223333:role/x") == "111122223333"
	not images.arn_account("arn:aws:iam::aws:policy/AdministratorAccess")
	not images.arn_account("not-an-arn")
	not images.arn_account("arn:aws:iam::11112222333x:role/x")
	not images.arn_account(null)
}

test_account_id if {
	images.account_id("111122223333")
	not images.account_id("11112222333")
	not images.account_id("1111222233334")
	not images.account_id("11112222333x")
}

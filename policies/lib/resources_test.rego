package aipolicy.lib.resources_test

import rego.v1

import data.aipolicy.lib.resources

view := {
	"resources": {
		"aws_s3_bucket.a": {"id": "aws_s3_bucket.a", "type": "aws_s3_bucket", "attributes": {"bucket": "a"}},
		"aws_s3_bucket.b": {"id": "aws_s3_bucket.b", "type": "aws_s3_bucket", "attributes": {}, "unresolved": ["bucket"]},
		"aws_s3_bucket_versioning.v": {
			"id": "aws_s3_bucket_versioning.v",
			"type": "aws_s3_bucket_versioning",
			"attributes": {},
			"unresolved": ["bucket"],
			"references": {"bucket": ["aws_s3_bucket.a"]},
		},
	},
	"by_type": {
		"aws_s3_bucket": ["aws_s3_bucket.a", "aws_s3_bucket.b"],
		"aws_s3_bucket_versioning": ["aws_s3_bucket_versioning.v"],
	},
}

test_of_type_uses_index if {
	count(resources.of_type(view, "aws_s3_bucket")) == 2
	count(resources.of_type(view, "aws_kms_key")) == 0
}

test_unresolved_matches_prefixes if {
	r := {"unresolved": ["a.0.b"]}
	resources.unresolved(r, "a")
	resources.unresolved(r, "a.0.b")
	resources.unresolved(r, "a.0.b.c")
	not resources.unresolved(r, "a.1")
	not resources.unresolved(r, "ab")
}

test_known if {
	resources.known(view.resources["aws_s3_bucket.a"], "bucket")
	not resources.known(view.resources["aws_s3_bucket.b"], "bucket")
}

test_referencing if {
	[r] := resources.referencing(view, "aws_s3_bucket_versioning", "bucket", "aws_s3_bucket.a")
	r.id == "aws_s3_bucket_versioning.v"
	count(resources.referencing(view, "aws_s3_bucket_versioning", "bucket", "aws_s3_bucket.b")) == 0
}

test_dangling if {
	not resources.dangling(view, "aws_s3_bucket_versioning", "bucket")
	id := "aws_s3_bucket_versioning.v"
	unjoined := object.union(object.remove(view.resources[id], ["references"]), {"references": {}})
	v2 := {"resources": object.union(object.remove(view.resources, [id]), {id: unjoined}), "by_type": view.by_type}
	resources.dangling(v2, "aws_s3_bucket_versioning", "bucket")
}

test_attr_default if {
	resources.attr(view.resources["aws_s3_bucket.a"], "bucket", "x") == "a"
	resources.attr(view.resources["aws_s3_bucket.a"], ["nested", 0, "k"], "x") == "x"
}

# the view's precomputed join indexes give the same answers as scanning
indexed_view := object.union(view, {
	"referenced_by": {"aws_s3_bucket.a": {"aws_s3_bucket_versioning": {"bucket": ["aws_s3_bucket_versioning.v"]}}},
	"dangling": {"aws_s3_bucket_versioning": ["other"]},
})

test_referencing_through_index if {
	[r] := resources.referencing(indexed_view, "aws_s3_bucket_versioning", "bucket", "aws_s3_bucket.a")
	r.id == "aws_s3_bucket_versioning.v"
	count(resources.referencing(indexed_view, "aws_s3_bucket_versioning", "bucket", "aws_s3_bucket.b")) == 0
}

test_dangling_through_index if {
	not resources.dangling(indexed_view, "aws_s3_bucket_versioning", "bucket")
	resources.dangling(indexed_view, "aws_s3_bucket_versioning", "other")
}

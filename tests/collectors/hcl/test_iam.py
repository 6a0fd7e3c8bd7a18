"""aws_iam_policy_document rendered as the AWS provider renders its json."""

from __future__ import annotations

import json
import zlib

from .conftest import Collect

DOCUMENT = """
variable "account" { default = "123456789012" }
data "aws_iam_policy_document" "p" {
  policy_id = "doc"
  statement {
    sid       = "Many"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:GetObject", "kms:Decrypt"]
    resources = ["arn:aws:s3:::b/&{aws:username}/*"]
  }
  statement {
    effect      = "Deny"
    not_actions = ["iam:*"]
    not_resources = ["arn:aws:s3:::b", "arn:aws:s3:::a"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account}:root", "arn:aws:iam::111111111111:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:b", "arn:a"]
    }
  }
  statement {
    actions = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
"""


def test_document_json_matches_the_provider(collect: Collect) -> None:
    view, _ = collect({"main.tf": DOCUMENT})
    document = view.resources["data.aws_iam_policy_document.p"]
    assert document.unresolved == []
    rendered = document.attributes["json"]
    assert json.loads(rendered) == {
        "Version": "2012-10-17",
        "Id": "doc",
        "Statement": [
            {
                "Sid": "Many",
                "Effect": "Allow",
                "Action": ["s3:PutObject", "s3:GetObject", "kms:Decrypt"],
                "Resource": "arn:aws:s3:::b/${aws:username}/*",
            },
            {
                "Effect": "Deny",
                "NotAction": "iam:*",
                "NotResource": ["arn:aws:s3:::b", "arn:aws:s3:::a"],
                "Principal": {
                    "AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::111111111111:root"],
                    "Service": "sagemaker.amazonaws.com",
                },
                "Condition": {
                    "ArnLike": {"aws:SourceArn": ["arn:b", "arn:a"]},
                    "StringEquals": {"aws:SourceAccount": "123456789012"},
                },
            },
            {"Effect": "Allow", "Action": "*", "Principal": "*"},
        ],
    }
    # Go's json.MarshalIndent layout and key order, and the id the provider derives from it
    assert rendered.startswith(
        '{\n  "Version": "2012-10-17",\n  "Id": "doc",\n  "Statement": [\n    {\n      "Sid"'
    )
    assert document.attributes["id"] == str(zlib.crc32(rendered.encode()))
    assert json.loads(document.attributes["minified_json"]) == json.loads(rendered)
    # statement sets as Terraform shows them: unique, lexical
    assert document.attributes["statement"][0]["actions"] == ["kms:Decrypt", "s3:GetObject", "s3:PutObject"]
    policy = view.resources["aws_iam_policy.p"]
    assert policy.attributes["policy"] == rendered
    assert policy.references == {"policy": ["data.aws_iam_policy_document.p"]}


def test_source_and_override_documents_merge_by_sid(collect: Collect) -> None:
    config = """
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "p" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "Write", Effect = "Deny", Action = "s3:PutObject", Resource = "*" }]
  })]
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
"""
    view, _ = collect({"main.tf": config})
    document = json.loads(view.resources["data.aws_iam_policy_document.p"].attributes["json"])
    assert document["Statement"] == [
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "Write", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"},
    ]


def test_document_with_unknown_inputs_has_unresolved_json(collect: Collect) -> None:
    config = """
resource "aws_s3_bucket" "b" { bucket = "b" }
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
"""
    view, _ = collect({"main.tf": config})
    document = view.resources["data.aws_iam_policy_document.p"]
    assert "json" not in document.attributes
    assert document.unresolved == ["json", "minified_json", "statement.0.resources.0"]
    assert document.attributes["statement"] == [{"actions": ["s3:*"], "resources": [None]}]
    assert document.references == {"statement": ["aws_s3_bucket.b"]}
    assert view.resources["aws_iam_policy.p"].unresolved == ["policy"]


def test_heredoc_and_jsonencode_policies_reach_the_view_as_json_strings(collect: Collect) -> None:
    config = """
resource "aws_iam_role_policy" "heredoc" {
  policy = <<-EOF
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
  EOF
}
resource "aws_iam_role_policy" "encoded" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
"""
    view, _ = collect({"main.tf": config})
    heredoc = json.loads(view.resources["aws_iam_role_policy.heredoc"].attributes["policy"])
    encoded = json.loads(view.resources["aws_iam_role_policy.encoded"].attributes["policy"])
    assert heredoc == encoded

data "aws_iam_policy_document" "sagemaker_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "sagemaker_execution" {
  name               = "${var.name_prefix}-sagemaker-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_assume.json
}

# Least privilege: the actions the notebook, model and endpoint need, on their own resources.
data "aws_iam_policy_document" "sagemaker_execution" {
  statement {
    sid = "SageMakerOwnResources"
    actions = [
      "sagemaker:DescribeEndpoint",
      "sagemaker:DescribeEndpointConfig",
      "sagemaker:DescribeModel",
      "sagemaker:InvokeEndpoint",
    ]
    resources = [
      "arn:aws:sagemaker:${var.aws_region}:${var.account_id}:endpoint/${var.name_prefix}-*",
      "arn:aws:sagemaker:${var.aws_region}:${var.account_id}:endpoint-config/${var.name_prefix}-*",
      "arn:aws:sagemaker:${var.aws_region}:${var.account_id}:model/${var.name_prefix}-*",
    ]
  }

  statement {
    sid     = "ModelArtifacts"
    actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
    resources = concat(
      [module.model_bucket.bucket_arn, "${module.model_bucket.bucket_arn}/*"],
      [for bucket in aws_s3_bucket.training : bucket.arn],
      [for bucket in aws_s3_bucket.training : "${bucket.arn}/*"],
    )
  }

  statement {
    sid       = "DataKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.sagemaker.arn]
  }

  statement {
    sid       = "ImageRegistryAuth"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PullModelServerImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = ["arn:aws:ecr:${var.aws_region}:${var.account_id}:repository/risk-scorer"]
  }
}

resource "aws_iam_policy" "sagemaker_execution" {
  name   = "${var.name_prefix}-sagemaker-execution"
  policy = data.aws_iam_policy_document.sagemaker_execution.json
}

resource "aws_iam_role_policy_attachment" "sagemaker_execution" {
  role       = aws_iam_role.sagemaker_execution.name
  policy_arn = aws_iam_policy.sagemaker_execution.arn
}

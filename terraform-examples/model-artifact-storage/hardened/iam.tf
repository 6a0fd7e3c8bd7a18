resource "aws_iam_role" "ml_platform" {
  name = "${var.name_prefix}-ml-platform"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = ["sagemaker.amazonaws.com", "bedrock.amazonaws.com"] }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

# The pipelines invoke the approved models and the platform's own endpoints and read or
# write the platform's buckets; nothing else.
resource "aws_iam_policy" "ml_platform" {
  name        = "${var.name_prefix}-ml-platform"
  description = "ML platform access"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeOwnEndpoints"
        Effect   = "Allow"
        Action   = ["sagemaker:InvokeEndpoint", "sagemaker:DescribeEndpoint"]
        Resource = "arn:aws:sagemaker:${var.aws_region}:${var.account_id}:endpoint/${var.name_prefix}-*"
      },
      {
        Sid      = "InvokeApprovedModels"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
        Resource = [for model in var.allowed_bedrock_models : "arn:aws:bedrock:${var.aws_region}::foundation-model/${model}"]
      },
      {
        Sid    = "Artifacts"
        Effect = "Allow"
        Action = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        Resource = [
          "arn:aws:s3:::${var.name_prefix}-models",
          "arn:aws:s3:::${var.name_prefix}-models/*",
          "arn:aws:s3:::${var.name_prefix}-datasets",
          "arn:aws:s3:::${var.name_prefix}-datasets/*",
        ]
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "ml_platform" {
  role       = aws_iam_role.ml_platform.name
  policy_arn = aws_iam_policy.ml_platform.arn
}

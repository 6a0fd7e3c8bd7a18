resource "aws_iam_role" "ml_platform" {
  name = "${var.name_prefix}-ml-platform"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = ["sagemaker.amazonaws.com", "bedrock.amazonaws.com"] }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Shared by the data scientists' pipelines: every SageMaker and Bedrock action on everything.
resource "aws_iam_policy" "ml_platform" {
  name        = "${var.name_prefix}-ml-platform"
  description = "ML platform access"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "SageMaker"
        Effect   = "Allow"
        Action   = "sagemaker:*"
        Resource = "*"
      },
      {
        Sid      = "Bedrock"
        Effect   = "Allow"
        Action   = ["bedrock:*"]
        Resource = "*"
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

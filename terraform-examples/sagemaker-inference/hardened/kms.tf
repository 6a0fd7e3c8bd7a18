# Customer-managed key for notebook volumes, endpoint storage, data capture and buckets.
resource "aws_kms_key" "sagemaker" {
  description             = "${var.name_prefix} SageMaker data"
  deletion_window_in_days = 30
  enable_key_rotation     = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_alias" "sagemaker" {
  name          = "alias/${var.name_prefix}-sagemaker"
  target_key_id = aws_kms_key.sagemaker.key_id
}

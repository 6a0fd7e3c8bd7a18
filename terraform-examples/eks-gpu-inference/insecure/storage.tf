# Model weights pulled by the model servers at start-up.
locals {
  weights_bucket = "${var.cluster_name}-model-weights"
}

resource "aws_s3_bucket" "model_weights" {
  bucket = local.weights_bucket

  tags = {
    Purpose = "models"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Model servers use EKS Pod Identity to reach S3.
resource "aws_iam_role" "model_server" {
  name = "${var.cluster_name}-model-server"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
}

resource "aws_iam_role_policy" "model_server" {
  name = "model-server-access"
  role = aws_iam_role.model_server.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:*"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:PassRole"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_eks_pod_identity_association" "model_server" {
  cluster_name    = aws_eks_cluster.this.name
  namespace       = var.model_server_namespace
  service_account = var.model_server_service_account
  role_arn        = aws_iam_role.model_server.arn
}

# Model weights pulled by the model servers at start-up.
locals {
  weights_bucket = "${var.cluster_name}-model-weights"
}

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "model_weights" {
  bucket = local.weights_bucket

  tags = {
    Purpose = "models"
  }
}

resource "aws_s3_bucket_versioning" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Released weights are copied to a bucket in a second region, so neither an accident nor an
# attacker in this region can take the only copy.
resource "aws_s3_bucket_replication_configuration" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "released-weights"
    status = "Enabled"

    filter {
      prefix = "released/"
    }

    delete_marker_replication {
      status = "Disabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = var.replica_bucket_arn
      storage_class = "STANDARD_IA"

      encryption_configuration {
        replica_kms_key_id = var.replica_kms_key_arn
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.model_weights]
}

resource "aws_iam_role" "replication" {
  name = "${var.cluster_name}-weights-replication"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "replication" {
  name = "replicate-released-weights"
  role = aws_iam_role.replication.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
        Resource = "arn:aws:s3:::${local.weights_bucket}"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
        Resource = "arn:aws:s3:::${local.weights_bucket}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateTags"]
        Resource = "${var.replica_bucket_arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = aws_kms_key.data.arn
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Encrypt"]
        Resource = var.replica_kms_key_arn
      },
    ]
  })
}

resource "aws_s3_bucket_policy" "model_weights" {
  bucket = aws_s3_bucket.model_weights.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::${local.weights_bucket}", "arn:aws:s3:::${local.weights_bucket}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.model_weights]
}

# Model servers read the weights through EKS Pod Identity; nothing else in the cluster can.
resource "aws_iam_role" "model_server" {
  name = "${var.cluster_name}-model-server"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "model_server" {
  name = "read-model-weights"
  role = aws_iam_role.model_server.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = ["arn:aws:s3:::${local.weights_bucket}", "arn:aws:s3:::${local.weights_bucket}/released/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = aws_kms_key.data.arn
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

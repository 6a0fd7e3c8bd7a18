# Account-wide guard rail: no bucket in the account can be made public.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Model artefacts: SSE-KMS with the stack's key, versioned, public access blocked.
module "model_bucket" {
  source = "./modules/model_bucket"

  bucket_name = "${var.name_prefix}-model-artifacts"
  kms_key_arn = aws_kms_key.sagemaker.arn

  tags = {
    DataClassification = "confidential"
  }
}

# One bucket per training data set.
resource "aws_s3_bucket" "training" {
  for_each = var.training_datasets

  bucket = "${var.name_prefix}-training-${each.key}"

  tags = {
    Dataset = each.key
  }
}

resource "aws_s3_bucket_versioning" "training" {
  for_each = var.training_datasets

  bucket = aws_s3_bucket.training[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training" {
  for_each = var.training_datasets

  bucket = aws_s3_bucket.training[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.sagemaker.arn
    }
    bucket_key_enabled = true
  }
}

# Iterates over the buckets themselves: bucket = each.value.id.
resource "aws_s3_bucket_public_access_block" "training" {
  for_each = aws_s3_bucket.training

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "training" {
  for_each = aws_s3_bucket.training

  bucket = each.value.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::${each.value.bucket}", "arn:aws:s3:::${each.value.bucket}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.training]
}

resource "aws_s3_bucket_lifecycle_configuration" "training" {
  for_each = var.training_datasets

  bucket = aws_s3_bucket.training[each.key].id

  rule {
    id     = "expire-raw"
    status = "Enabled"

    filter {
      prefix = "raw/"
    }

    expiration {
      days = each.value.retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }

  depends_on = [aws_s3_bucket_versioning.training]
}

# Model artefacts: SSE-S3 only, versioning suspended and no public access block.
module "model_bucket" {
  source = "./modules/model_bucket"

  bucket_name         = "${var.name_prefix}-model-artifacts"
  sse_algorithm       = "AES256"
  versioning_status   = "Suspended"
  block_public_access = false
  force_destroy       = true
}

# One bucket per training data set.
resource "aws_s3_bucket" "training" {
  for_each = var.training_datasets

  bucket        = "${var.name_prefix}-training-${each.key}"
  force_destroy = true

  tags = {
    Dataset = each.key
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training" {
  for_each = var.training_datasets

  bucket = aws_s3_bucket.training[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
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
  }
}

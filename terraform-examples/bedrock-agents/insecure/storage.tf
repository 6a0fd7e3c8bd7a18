locals {
  bucket_names = { for role, _ in var.buckets : role => "${var.name_prefix}-${role}" }

  # Bedrock writes invocation logs that exceed the CloudWatch event size to this bucket.
  extra_bucket_statements = {
    invocation-logs = [{
      Sid       = "BedrockInvocationLogs"
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::${var.name_prefix}-invocation-logs/AWSLogs/${var.account_id}/BedrockModelInvocationLogs/*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:${var.aws_region}:${var.account_id}:*" }
      }
    }]
  }
}

module "buckets" {
  source   = "./modules/bucket"
  for_each = var.buckets

  bucket_name             = local.bucket_names[each.key]
  noncurrent_version_days = each.value.retention_days
  policy_statements       = lookup(local.extra_bucket_statements, each.key, [])

  tags = {
    Purpose = each.value.purpose
  }
}

# Audit trail: management events, S3 object events on the stack's buckets and Bedrock data
# events (agent invocations, knowledge base retrievals, guardrail use).
locals {
  trail_name        = "${var.name_prefix}-audit"
  trail_bucket_name = "${var.name_prefix}-cloudtrail"
  trail_arn         = "arn:aws:cloudtrail:${var.aws_region}:${var.account_id}:trail/${local.trail_name}"

  bedrock_data_event_types = [
    "AWS::Bedrock::AgentAlias",
    "AWS::Bedrock::KnowledgeBase",
    "AWS::Bedrock::Guardrail",
    "AWS::Bedrock::Model",
  ]
}

module "trail_bucket" {
  source = "./modules/secure_bucket"

  bucket_name             = local.trail_bucket_name
  kms_key_arn             = aws_kms_key.bedrock.arn
  noncurrent_version_days = 400

  policy_statements = [
    {
      Sid       = "AWSCloudTrailAclCheck"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:GetBucketAcl"
      Resource  = "arn:aws:s3:::${local.trail_bucket_name}"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    },
    {
      Sid       = "AWSCloudTrailWrite"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::${local.trail_bucket_name}/AWSLogs/${var.account_id}/*"
      Condition = {
        StringEquals = {
          "s3:x-amz-acl"  = "bucket-owner-full-control"
          "aws:SourceArn" = local.trail_arn
        }
      }
    },
  ]
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/${local.trail_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.bedrock.arn
}

resource "aws_iam_role" "trail_logs" {
  name = "${var.name_prefix}-cloudtrail-logs"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    }]
  })
}

resource "aws_iam_role_policy" "trail_logs" {
  name = "deliver-to-cloudwatch-logs"
  role = aws_iam_role.trail_logs.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail.arn}:log-stream:*"
    }]
  })
}

resource "aws_cloudtrail" "audit" {
  name                          = local.trail_name
  s3_bucket_name                = module.trail_bucket.bucket_id
  kms_key_id                    = aws_kms_key.bedrock.arn
  include_global_service_events = true
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_logs.arn

  advanced_event_selector {
    name = "Management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  advanced_event_selector {
    name = "Object access in the assistant's buckets"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }

    field_selector {
      field       = "resources.ARN"
      starts_with = [for bucket in module.buckets : "${bucket.bucket_arn}/"]
    }
  }

  dynamic "advanced_event_selector" {
    for_each = toset(local.bedrock_data_event_types)

    content {
      name = "Bedrock ${advanced_event_selector.value} data events"

      field_selector {
        field  = "eventCategory"
        equals = ["Data"]
      }

      field_selector {
        field  = "resources.type"
        equals = [advanced_event_selector.value]
      }
    }
  }

  depends_on = [module.trail_bucket, aws_iam_role_policy.trail_logs]
}

# Every prompt and completion is logged to an encrypted log group; payloads too large for
# CloudWatch go to the encrypted invocation-logs bucket.
resource "aws_cloudwatch_log_group" "invocations" {
  name              = "/aws/bedrock/${var.name_prefix}/model-invocations"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.bedrock.arn
}

resource "aws_iam_role" "invocation_logging" {
  name = "${var.name_prefix}-bedrock-invocation-logging"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:${var.aws_region}:${var.account_id}:*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "invocation_logging" {
  name = "write-invocation-logs"
  role = aws_iam_role.invocation_logging.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.invocations.arn}:log-stream:*"
    }]
  })
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled      = true
    embedding_data_delivery_enabled = false
    image_data_delivery_enabled     = false
    video_data_delivery_enabled     = false

    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.invocations.name
      role_arn       = aws_iam_role.invocation_logging.arn

      large_data_delivery_s3_config {
        bucket_name = module.buckets["invocation-logs"].bucket_id
        key_prefix  = "large-payloads"
      }
    }
  }

  depends_on = [aws_iam_role_policy.invocation_logging]
}

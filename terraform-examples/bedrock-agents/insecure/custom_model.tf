resource "aws_iam_role" "customization" {
  name = "${var.name_prefix}-model-customization"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:${var.aws_region}:${var.account_id}:model-customization-job/*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "customization" {
  name = "customization-job"
  role = aws_iam_role.customization.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadTrainingData"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [module.buckets["training"].bucket_arn, "${module.buckets["training"].bucket_arn}/*"]
      },
      {
        Sid      = "WriteOutput"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:ListBucket"]
        Resource = [module.buckets["model-output"].bucket_arn, "${module.buckets["model-output"].bucket_arn}/*"]
      },
    ]
  })
}

# Fine-tuned on support transcripts.
resource "aws_bedrock_custom_model" "support" {
  custom_model_name     = var.custom_model.name
  job_name              = var.custom_model.job_name
  base_model_identifier = "arn:aws:bedrock:${var.aws_region}::foundation-model/${var.custom_model.base_model_id}"
  role_arn              = aws_iam_role.customization.arn
  customization_type    = "FINE_TUNING"
  hyperparameters       = var.custom_model.hyperparameters

  training_data_config {
    s3_uri = "s3://${module.buckets["training"].bucket_id}/transcripts/train.jsonl"
  }

  validation_data_config {
    validator {
      s3_uri = "s3://${module.buckets["training"].bucket_id}/transcripts/validation.jsonl"
    }
  }

  output_data_config {
    s3_uri = "s3://${module.buckets["model-output"].bucket_id}/${var.custom_model.name}/"
  }

  depends_on = [aws_iam_role_policy.customization]
}

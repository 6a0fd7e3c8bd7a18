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
      {
        Sid    = "JobNetworkInterfaces"
        Effect = "Allow"
        Action = [
          "ec2:CreateNetworkInterface",
          "ec2:CreateNetworkInterfacePermission",
          "ec2:DeleteNetworkInterface",
          "ec2:DeleteNetworkInterfacePermission",
        ]
        Resource = "*"
        Condition = {
          StringEquals = { "aws:RequestedRegion" = var.aws_region }
          ArnEquals    = { "ec2:Vpc" = "arn:aws:ec2:${var.aws_region}:${var.account_id}:vpc/${var.vpc_id}" }
        }
      },
      {
        Sid      = "DescribeNetwork"
        Effect   = "Allow"
        Action   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]
        Resource = "*"
      },
      {
        Sid      = "DataKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:CreateGrant"]
        Resource = aws_kms_key.bedrock.arn
      },
    ]
  })
}

# Fine-tuned on support transcripts: weights encrypted with the stack's key, training data
# read through the VPC.
resource "aws_bedrock_custom_model" "support" {
  custom_model_name       = var.custom_model.name
  job_name                = var.custom_model.job_name
  base_model_identifier   = "arn:aws:bedrock:${var.aws_region}::foundation-model/${var.custom_model.base_model_id}"
  role_arn                = aws_iam_role.customization.arn
  customization_type      = "FINE_TUNING"
  custom_model_kms_key_id = aws_kms_key.bedrock.arn
  hyperparameters         = var.custom_model.hyperparameters

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

  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [aws_security_group.customization.id]
  }

  tags = {
    threat-model = var.threat_model
  }

  depends_on = [aws_iam_role_policy.customization]
}

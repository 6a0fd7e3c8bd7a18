resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "${var.name_prefix}-research"
  role_arn               = aws_iam_role.sagemaker_execution.arn
  instance_type          = var.notebook_instance_type
  volume_size            = 50
  kms_key_id             = aws_kms_key.sagemaker.arn
  subnet_id              = var.private_subnet_ids[0]
  security_groups        = [var.sagemaker_security_group_id]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "aws_sagemaker_model" "risk_scorer" {
  name                     = "${var.name_prefix}-risk-scorer"
  execution_role_arn       = aws_iam_role.sagemaker_execution.arn
  enable_network_isolation = true

  primary_container {
    image          = var.inference_image
    model_data_url = "s3://${module.model_bucket.bucket_id}/models/risk-scorer/model.tar.gz"

    environment = {
      SAGEMAKER_PROGRAM             = "inference.py"
      SAGEMAKER_CONTAINER_LOG_LEVEL = "20"
    }
  }

  vpc_config {
    subnets            = var.private_subnet_ids
    security_group_ids = [var.sagemaker_security_group_id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "risk_scorer" {
  name        = "${var.name_prefix}-risk-scorer"
  kms_key_arn = aws_kms_key.sagemaker.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.risk_scorer.name
    initial_instance_count = var.endpoint_instance_count
    instance_type          = var.endpoint_instance_type
    initial_variant_weight = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = var.capture_sampling_percentage
    destination_s3_uri          = "s3://${module.model_bucket.bucket_id}/data-capture"
    kms_key_id                  = aws_kms_key.sagemaker.arn

    capture_options {
      capture_mode = "Input"
    }

    capture_options {
      capture_mode = "Output"
    }

    capture_content_type_header {
      json_content_types = ["application/json"]
    }
  }
}

resource "aws_sagemaker_endpoint" "risk_scorer" {
  name                 = "${var.name_prefix}-risk-scorer"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.risk_scorer.name
}

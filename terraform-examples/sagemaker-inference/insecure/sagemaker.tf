resource "aws_sagemaker_notebook_instance" "research" {
  name          = "${var.name_prefix}-research"
  role_arn      = aws_iam_role.sagemaker_execution.arn
  instance_type = var.notebook_instance_type
  volume_size   = 50
}

resource "aws_sagemaker_model" "risk_scorer" {
  name               = "${var.name_prefix}-risk-scorer"
  execution_role_arn = aws_iam_role.sagemaker_execution.arn

  primary_container {
    image          = var.inference_image
    model_data_url = "s3://${module.model_bucket.bucket_id}/models/risk-scorer/model.tar.gz"

    environment = {
      SAGEMAKER_PROGRAM             = "inference.py"
      SAGEMAKER_CONTAINER_LOG_LEVEL = "20"
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "risk_scorer" {
  name = "${var.name_prefix}-risk-scorer"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.risk_scorer.name
    initial_instance_count = var.endpoint_instance_count
    instance_type          = var.endpoint_instance_type
    initial_variant_weight = 1
  }

  # Capture was switched off "to save storage".
  data_capture_config {
    enable_capture              = false
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://${module.model_bucket.bucket_id}/data-capture"

    capture_options {
      capture_mode = "Input"
    }

    capture_options {
      capture_mode = "Output"
    }
  }
}

resource "aws_sagemaker_endpoint" "risk_scorer" {
  name                 = "${var.name_prefix}-risk-scorer"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.risk_scorer.name
}

locals {
  # Every AI resource points at the threat model that covers it.
  ai_tags = {
    threat-model = var.threat_model
  }
}

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

  tags = local.ai_tags
}

resource "aws_sagemaker_model" "risk_scorer" {
  name                     = "${var.name_prefix}-risk-scorer"
  execution_role_arn       = aws_iam_role.sagemaker_execution.arn
  enable_network_isolation = true

  tags = merge(local.ai_tags, {
    model-card = var.model_card
  })

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
  tags                 = local.ai_tags

  # New model versions go out blue/green and roll back when an alarm fires.
  deployment_config {
    blue_green_update_policy {
      termination_wait_in_seconds          = 300
      maximum_execution_timeout_in_seconds = 3600

      traffic_routing_configuration {
        type                     = "CANARY"
        wait_interval_in_seconds = 600

        canary_size {
          type  = "INSTANCE_COUNT"
          value = 1
        }
      }
    }

    auto_rollback_configuration {
      alarms {
        alarm_name = aws_cloudwatch_metric_alarm.endpoint["invocation-5xx"].alarm_name
      }

      alarms {
        alarm_name = aws_cloudwatch_metric_alarm.endpoint["model-latency"].alarm_name
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "endpoint" {
  for_each = {
    invocation-5xx = { metric = "Invocation5XXErrors", statistic = "Sum", threshold = 5 }
    model-latency  = { metric = "ModelLatency", statistic = "Average", threshold = 500000 }
  }

  alarm_name          = "${var.name_prefix}-risk-scorer-${each.key}"
  namespace           = "AWS/SageMaker"
  metric_name         = each.value.metric
  statistic           = each.value.statistic
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  period              = 60
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arns

  dimensions = {
    EndpointName = "${var.name_prefix}-risk-scorer"
    VariantName  = "primary"
  }
}

# Model Monitor: hourly data-quality checks of the captured requests against the baseline.
resource "aws_sagemaker_data_quality_job_definition" "risk_scorer" {
  name     = "${var.name_prefix}-risk-scorer-data-quality"
  role_arn = aws_iam_role.sagemaker_execution.arn

  data_quality_app_specification {
    image_uri = var.model_monitor_image
  }

  data_quality_baseline_config {
    constraints_resource {
      s3_uri = "s3://${module.model_bucket.bucket_id}/monitoring/baseline/constraints.json"
    }
    statistics_resource {
      s3_uri = "s3://${module.model_bucket.bucket_id}/monitoring/baseline/statistics.json"
    }
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = aws_sagemaker_endpoint.risk_scorer.name
      local_path    = "/opt/ml/processing/input"
    }
  }

  data_quality_job_output_config {
    kms_key_id = aws_kms_key.sagemaker.arn

    monitoring_outputs {
      s3_output {
        s3_uri     = "s3://${module.model_bucket.bucket_id}/monitoring/reports"
        local_path = "/opt/ml/processing/output"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = aws_kms_key.sagemaker.arn
    }
  }

  network_config {
    enable_network_isolation                  = true
    enable_inter_container_traffic_encryption = true

    vpc_config {
      subnets            = var.private_subnet_ids
      security_group_ids = [var.sagemaker_security_group_id]
    }
  }
}

resource "aws_sagemaker_monitoring_schedule" "risk_scorer" {
  name = "${var.name_prefix}-risk-scorer-data-quality"

  monitoring_schedule_config {
    monitoring_job_definition_name = aws_sagemaker_data_quality_job_definition.risk_scorer.name
    monitoring_type                = "DataQuality"

    schedule_config {
      schedule_expression = var.monitoring_schedule
    }
  }
}

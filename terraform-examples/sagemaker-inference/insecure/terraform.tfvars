aws_region              = "eu-west-2"
environment             = "dev"
name_prefix             = "riskml-dev"
inference_image         = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/risk-scorer:latest"
endpoint_instance_count = 1

training_datasets = {
  risk  = { retention_days = 365 }
  fraud = { retention_days = 180 }
  churn = { retention_days = 90 }
}

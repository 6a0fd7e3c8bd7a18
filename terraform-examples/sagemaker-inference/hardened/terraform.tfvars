aws_region                  = "eu-west-2"
account_id                  = "123456789012"
environment                 = "prod"
name_prefix                 = "riskml-prod"
inference_image             = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/risk-scorer@sha256:5f0c0a1b9e6d3c2a4b8f7e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b"
private_subnet_ids          = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
sagemaker_security_group_id = "sg-0c3d4e5f60718293a"
endpoint_instance_count     = 2
threat_model                = "https://wiki.example.com/security/threat-models/risk-scoring"
model_card                  = "risk-scorer-v3"
alarm_topic_arns            = ["arn:aws:sns:eu-west-2:123456789012:riskml-prod-oncall"]
model_monitor_image         = "749857270468.dkr.ecr.eu-west-2.amazonaws.com/sagemaker-model-monitor-analyzer:1"

security_contact = {
  name  = "Security Operations"
  title = "Security team"
  email = "security@example.com"
  phone = "+44 20 7946 0000"
}

training_datasets = {
  risk  = { retention_days = 365 }
  fraud = { retention_days = 180 }
  churn = { retention_days = 90 }
}

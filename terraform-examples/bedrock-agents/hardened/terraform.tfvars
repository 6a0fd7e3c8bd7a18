aws_region         = "us-east-1"
account_id         = "123456789012"
environment        = "prod"
name_prefix        = "assist-prod"
vpc_id             = "vpc-0a1b2c3d4e5f60718"
vpc_cidr           = "10.40.0.0/16"
private_subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829", "subnet-0c3d4e5f607182930"]
threat_model       = "https://wiki.example.com/security/threat-models/support-assistant"

custom_model = {
  base_model_id = "amazon.titan-text-express-v1:0:8k"
  name          = "support-titan-ft-2025-06"
  job_name      = "support-titan-ft-2025-06-job"
  hyperparameters = {
    epochCount              = "2"
    batchSize               = "1"
    learningRate            = "0.00001"
    learningRateWarmupSteps = "0"
  }
}

buckets = {
  documents       = { purpose = "knowledge-base-sources", retention_days = 3650 }
  training        = { purpose = "training-data", retention_days = 730, object_lock_days = 365 }
  model-output    = { purpose = "customization-output", retention_days = 730 }
  invocation-logs = { purpose = "invocation-logs", retention_days = 400 }
}

security_contact = {
  name  = "Security Operations"
  title = "Security team"
  email = "security@example.com"
  phone = "+1 555 0100"
}

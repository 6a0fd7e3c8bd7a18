aws_region      = "us-east-1"
account_id      = "123456789012"
environment     = "prod"
name_prefix     = "mlplat-prod"
cluster_version = "1.33"
subnet_ids      = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

ecr_repositories = [
  "inference-server",
  "training",
  "feature-pipeline",
]

gpu_instance_types = ["g5.2xlarge"]
gpu_node_count     = 2

allowed_bedrock_models = [
  "anthropic.claude-3-5-sonnet-20240620-v1:0",
  "amazon.titan-embed-text-v2:0",
]

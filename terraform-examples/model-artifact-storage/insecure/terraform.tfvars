aws_region      = "us-east-1"
account_id      = "123456789012"
environment     = "dev"
name_prefix     = "mlplat-dev"
cluster_version = "1.27"
subnet_ids      = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

ecr_repositories = [
  "inference-server",
  "training",
  "feature-pipeline",
]

gpu_instance_types = ["g5.2xlarge"]
gpu_node_count     = 2

aws_region         = "us-west-2"
account_id         = "123456789012"
environment        = "prod"
cluster_name       = "llm-inference-prod"
cluster_version    = "1.33"
private_subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829", "subnet-0c3d4e5f607182930"]
admin_role_arns    = ["arn:aws:iam::123456789012:role/platform-admins"]

gpu_node_groups = {
  l4-online = {
    instance_types = ["g6.2xlarge", "g6.4xlarge"]
    min_size       = 2
    max_size       = 8
    desired_size   = 2
    disk_size_gb   = 200
    workload       = "online-inference"
  }
  a10g-batch = {
    instance_types = ["g5.12xlarge"]
    min_size       = 0
    max_size       = 4
    desired_size   = 0
    disk_size_gb   = 500
    workload       = "batch-inference"
    capacity_type  = "SPOT"
  }
}

replica_bucket_arn  = "arn:aws:s3:::llm-inference-prod-model-weights-replica"
replica_kms_key_arn = "arn:aws:kms:us-east-2:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
inference_images    = ["vllm-server", "triton-server"]

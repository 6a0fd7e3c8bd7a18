variable "aws_region" {
  description = "Region of the ML platform."
  type        = string
  default     = "us-east-1"
}

variable "account_id" {
  description = "AWS account of the platform (used in key, bucket and IAM policies)."
  type        = string
}

variable "environment" {
  description = "Deployment environment."
  type        = string
  default     = "prod"
}

variable "name_prefix" {
  description = "Prefix for resource names."
  type        = string
  default     = "mlplat"
}

variable "ecr_repositories" {
  description = "Container repositories for model-serving and training images."
  type        = set(string)
  default     = ["inference-server"]
}

variable "cluster_version" {
  description = "Kubernetes version of the EKS cluster."
  type        = string
  default     = "1.33"
}

variable "subnet_ids" {
  description = "Private subnets for the EKS control plane ENIs and nodes."
  type        = list(string)
}

variable "gpu_instance_types" {
  description = "Instance types of the GPU node group."
  type        = list(string)
  default     = ["g5.2xlarge"]
}

variable "gpu_node_count" {
  description = "Desired number of GPU nodes."
  type        = number
  default     = 2
}

variable "invocation_log_retention_days" {
  description = "How long Bedrock invocation logs are kept in CloudWatch Logs."
  type        = number
  default     = 365
}

variable "allowed_bedrock_models" {
  description = "Foundation models the platform role may invoke."
  type        = list(string)
  default     = ["anthropic.claude-3-5-sonnet-20240620-v1:0"]
}

variable "trail_log_retention_days" {
  description = "How long CloudTrail events are kept in CloudWatch Logs."
  type        = number
  default     = 365
}

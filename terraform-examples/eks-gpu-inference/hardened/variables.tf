variable "aws_region" {
  description = "Region of the inference cluster."
  type        = string
  default     = "us-west-2"
}

variable "account_id" {
  description = "AWS account of the cluster (used in key, bucket and IAM policies)."
  type        = string
}

variable "environment" {
  description = "Deployment environment."
  type        = string
  default     = "prod"
}

variable "cluster_name" {
  description = "Name of the EKS cluster."
  type        = string
  default     = "llm-inference"
}

variable "cluster_version" {
  description = "Kubernetes minor version of the cluster."
  type        = string
  default     = "1.33"
}

variable "private_subnet_ids" {
  description = "Private subnets (no internet gateway route) for the control plane ENIs and the nodes."
  type        = list(string)
}

variable "admin_role_arns" {
  description = "IAM roles granted cluster-admin through EKS access entries."
  type        = list(string)
  default     = []
}

variable "system_instance_types" {
  description = "Instance types of the system (non-GPU) node group."
  type        = list(string)
  default     = ["m6i.large"]
}

variable "gpu_node_groups" {
  description = "GPU node groups by name: instance types, sizes and the workload label they serve."
  type = map(object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gb   = number
    workload       = string
    capacity_type  = optional(string, "ON_DEMAND")
  }))
}

variable "model_server_namespace" {
  description = "Namespace of the model servers."
  type        = string
  default     = "inference"
}

variable "model_server_service_account" {
  description = "Service account of the model servers (EKS Pod Identity)."
  type        = string
  default     = "model-server"
}

variable "log_retention_days" {
  description = "How long control-plane and audit logs are kept in CloudWatch Logs."
  type        = number
  default     = 365
}

variable "replica_bucket_arn" {
  description = "Bucket in the recovery region that receives released model weights."
  type        = string
}

variable "replica_kms_key_arn" {
  description = "KMS key of the replica bucket."
  type        = string
}

variable "inference_images" {
  description = "ECR repositories of the model-server images."
  type        = set(string)
  default     = ["vllm-server"]
}

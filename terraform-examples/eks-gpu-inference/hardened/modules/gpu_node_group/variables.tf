variable "cluster_name" {
  description = "EKS cluster the node group joins."
  type        = string
}

variable "name" {
  description = "Name of the node group."
  type        = string
}

variable "node_role_arn" {
  description = "IAM role of the nodes."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the nodes."
  type        = list(string)
}

variable "ami_type" {
  description = "EKS-optimized AMI type; the NVIDIA variant ships the GPU driver and container toolkit."
  type        = string
  default     = "AL2023_x86_64_NVIDIA"
}

variable "instance_types" {
  description = "GPU instance types."
  type        = list(string)
}

variable "capacity_type" {
  description = "ON_DEMAND or SPOT."
  type        = string
  default     = "ON_DEMAND"
}

variable "min_size" {
  description = "Minimum number of nodes."
  type        = number
}

variable "max_size" {
  description = "Maximum number of nodes."
  type        = number
}

variable "desired_size" {
  description = "Initial number of nodes."
  type        = number
}

variable "disk_size_gb" {
  description = "Root volume size (container images and model caches)."
  type        = number
  default     = 200
}

variable "volume_kms_key_arn" {
  description = "KMS key that encrypts the root volumes."
  type        = string
}

variable "labels" {
  description = "Kubernetes labels of the nodes."
  type        = map(string)
  default     = {}
}

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
  description = "EKS-optimized AMI type with the GPU driver."
  type        = string
  default     = "AL2_x86_64_GPU"
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

variable "ssh_key_name" {
  description = "EC2 key pair for SSH to the nodes."
  type        = string
}

variable "labels" {
  description = "Kubernetes labels of the nodes."
  type        = map(string)
  default     = {}
}

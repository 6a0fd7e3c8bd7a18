variable "aws_region" {
  description = "Region that hosts the inference stack."
  type        = string
  default     = "eu-west-2"
}

variable "account_id" {
  description = "AWS account that owns the stack (used in key and IAM policies)."
  type        = string
}

variable "environment" {
  description = "Deployment environment (dev, staging, prod)."
  type        = string
  default     = "prod"
}

variable "name_prefix" {
  description = "Prefix for every resource name."
  type        = string
  default     = "riskml"
}

variable "inference_image" {
  description = "ECR image URI of the model server container, pinned by digest."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets (no route to an internet gateway) for the notebook, model and endpoint."
  type        = list(string)
}

variable "sagemaker_security_group_id" {
  description = "Security group of the SageMaker ENIs; egress only to the VPC endpoints."
  type        = string
}

variable "notebook_instance_type" {
  description = "Instance type of the data-science notebook."
  type        = string
  default     = "ml.t3.xlarge"
}

variable "endpoint_instance_type" {
  description = "Instance type that hosts the real-time endpoint."
  type        = string
  default     = "ml.m5.xlarge"
}

variable "endpoint_instance_count" {
  description = "Number of instances behind the endpoint (two or more across AZs)."
  type        = number
  default     = 2
}

variable "capture_sampling_percentage" {
  description = "Share of inference requests recorded by data capture."
  type        = number
  default     = 100
}

variable "training_datasets" {
  description = "Training data sets, one bucket each, with how long raw objects are kept."
  type = map(object({
    retention_days = number
  }))
  default = {
    risk = { retention_days = 365 }
  }
}

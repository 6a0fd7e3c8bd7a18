variable "aws_region" {
  description = "Region that hosts the inference stack."
  type        = string
  default     = "eu-west-2"
}

variable "environment" {
  description = "Deployment environment (dev, staging, prod)."
  type        = string
  default     = "dev"
}

variable "name_prefix" {
  description = "Prefix for every resource name."
  type        = string
  default     = "riskml"
}

variable "inference_image" {
  description = "ECR image URI of the model server container."
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
  description = "Number of instances behind the endpoint."
  type        = number
  default     = 1
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

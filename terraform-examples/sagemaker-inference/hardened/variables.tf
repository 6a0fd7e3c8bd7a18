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

variable "threat_model" {
  description = "Link to the threat model that covers this stack (tagged on every resource)."
  type        = string
}

variable "model_card" {
  description = "Name or URL of the risk scorer's model card."
  type        = string
}

variable "security_contact" {
  description = "Security team contact registered as the account's SECURITY alternate contact."
  type = object({
    name  = string
    title = string
    email = string
    phone = string
  })
}

variable "monitoring_schedule" {
  description = "Schedule expression of the data-quality monitoring job."
  type        = string
  default     = "cron(0 * ? * * *)"
}

variable "audit_log_retention_days" {
  description = "How long CloudTrail events are kept in CloudWatch Logs."
  type        = number
  default     = 365
}

variable "alarm_topic_arns" {
  description = "SNS topics notified when an endpoint alarm fires."
  type        = list(string)
  default     = []
}

variable "model_monitor_image" {
  description = "Model Monitor analyzer image of the region (pinned, from the SageMaker documentation)."
  type        = string
}

variable "aws_region" {
  description = "Region where Bedrock and the knowledge base run."
  type        = string
  default     = "us-east-1"
}

variable "account_id" {
  description = "AWS account of the stack (used in key, bucket and IAM policies)."
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
  default     = "assist"
}

variable "vpc_id" {
  description = "VPC of the application that calls the agent."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of that VPC (HTTPS to the VPC endpoints is allowed from it)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the VPC endpoints and the customization job."
  type        = list(string)
}

variable "agent_model_id" {
  description = "Foundation model that the agent orchestrates with."
  type        = string
  default     = "anthropic.claude-3-5-sonnet-20240620-v1:0"
}

variable "embedding_model_id" {
  description = "Embedding model of the knowledge base."
  type        = string
  default     = "amazon.titan-embed-text-v2:0"
}

variable "custom_model" {
  description = "Fine-tuning of the base model on support transcripts."
  type = object({
    base_model_id   = string
    name            = string
    job_name        = string
    hyperparameters = map(string)
  })
}

variable "buckets" {
  description = "Buckets of the stack by role: purpose tag, days noncurrent versions are kept, Object Lock retention (0 = none)."
  type = map(object({
    purpose          = string
    retention_days   = number
    object_lock_days = optional(number, 0)
  }))
}

variable "blocked_pii_types" {
  description = "PII entity types the guardrail blocks outright."
  type        = list(string)
  default     = ["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CREDIT_DEBIT_CARD_NUMBER", "PASSWORD", "US_SOCIAL_SECURITY_NUMBER"]
}

variable "anonymized_pii_types" {
  description = "PII entity types the guardrail masks in responses."
  type        = list(string)
  default     = ["EMAIL", "PHONE", "NAME", "ADDRESS"]
}

variable "grounding_threshold" {
  description = "Minimum grounding and relevance score of a response."
  type        = number
  default     = 0.75
}

variable "log_retention_days" {
  description = "How long invocation and audit logs are kept in CloudWatch Logs."
  type        = number
  default     = 400
}

variable "threat_model" {
  description = "Link to the threat model that covers the assistant."
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

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
  description = "Buckets of the stack by role: purpose tag and days noncurrent versions are kept."
  type = map(object({
    purpose        = string
    retention_days = number
  }))
}

variable "log_retention_days" {
  description = "How long invocation and audit logs are kept in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "agents" {
  description = "Agents of the stack and whether each is bound to the support guardrail."
  type = map(object({
    description   = string
    use_guardrail = bool
  }))
  default = {
    support = {
      description   = "Answers customer questions from the product documentation."
      use_guardrail = true
    }
    helpdesk = {
      description   = "Internal IT helpdesk assistant."
      use_guardrail = false
    }
  }
}

variable "bucket_name" {
  description = "Name of the bucket."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for SSE-KMS."
  type        = string
}

variable "noncurrent_version_days" {
  description = "Days after which noncurrent object versions are deleted."
  type        = number
  default     = 90
}

variable "object_lock_days" {
  description = "Default Object Lock (GOVERNANCE) retention in days; 0 creates the bucket without Object Lock."
  type        = number
  default     = 0
}

variable "policy_statements" {
  description = "Extra bucket policy statements (IAM JSON objects); a TLS-only deny is always added."
  type        = any
  default     = []
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}

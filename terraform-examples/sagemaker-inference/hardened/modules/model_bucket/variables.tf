variable "bucket_name" {
  description = "Name of the bucket."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key for SSE-KMS; null uses the AWS-managed aws/s3 key when sse_algorithm is aws:kms."
  type        = string
  default     = null
}

variable "sse_algorithm" {
  description = "Default encryption: aws:kms, aws:kms:dsse or AES256."
  type        = string
  default     = "aws:kms"
}

variable "versioning_status" {
  description = "Enabled or Suspended."
  type        = string
  default     = "Enabled"
}

variable "block_public_access" {
  description = "Create a public access block with all four settings on."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a non-empty bucket."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}

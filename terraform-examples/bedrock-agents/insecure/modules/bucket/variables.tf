variable "bucket_name" {
  description = "Name of the bucket."
  type        = string
}

variable "noncurrent_version_days" {
  description = "Days after which noncurrent object versions are deleted."
  type        = number
  default     = 90
}

variable "policy_statements" {
  description = "Bucket policy statements (IAM JSON objects); no policy when empty."
  type        = any
  default     = []
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}

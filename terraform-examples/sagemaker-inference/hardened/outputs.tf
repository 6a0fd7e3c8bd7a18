output "endpoint_name" {
  description = "Name of the real-time inference endpoint."
  value       = aws_sagemaker_endpoint.risk_scorer.name
}

output "model_bucket" {
  description = "Bucket holding the model artefacts."
  value       = module.model_bucket.bucket_id
}

output "training_buckets" {
  description = "Training bucket per data set."
  value       = { for name, bucket in aws_s3_bucket.training : name => bucket.id }
}

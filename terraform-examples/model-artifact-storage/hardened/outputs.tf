output "model_bucket" {
  description = "Bucket of trained models."
  value       = aws_s3_bucket.models.id
}

output "repository_urls" {
  description = "ECR repository URL per image."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}

output "cluster_endpoint" {
  description = "EKS API endpoint."
  value       = aws_eks_cluster.ml.endpoint
}

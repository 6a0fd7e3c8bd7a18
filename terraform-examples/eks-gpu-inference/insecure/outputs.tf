output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "gpu_node_groups" {
  description = "ARN of each GPU node group."
  value       = { for name, group in module.gpu_node_group : name => group.node_group_arn }
}

output "model_weights_bucket" {
  description = "Bucket of the model weights."
  value       = aws_s3_bucket.model_weights.id
}

output "repository_urls" {
  description = "ECR repository URL per model-server image."
  value       = { for name, repo in aws_ecr_repository.inference : name => repo.repository_url }
}

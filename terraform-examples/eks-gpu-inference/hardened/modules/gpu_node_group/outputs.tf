output "node_group_arn" {
  description = "ARN of the node group."
  value       = aws_eks_node_group.this.arn
}

output "launch_template_id" {
  description = "Launch template of the nodes."
  value       = aws_launch_template.this.id
}

# A GPU node group on the EKS-optimized GPU AMI, with SSH for debugging the drivers.

resource "aws_eks_node_group" "this" {
  cluster_name    = var.cluster_name
  node_group_name = var.name
  node_role_arn   = var.node_role_arn
  subnet_ids      = var.subnet_ids
  ami_type        = var.ami_type
  instance_types  = var.instance_types
  capacity_type   = var.capacity_type
  disk_size       = var.disk_size_gb

  remote_access {
    ec2_ssh_key = var.ssh_key_name
  }

  scaling_config {
    min_size     = var.min_size
    max_size     = var.max_size
    desired_size = var.desired_size
  }

  update_config {
    max_unavailable = 1
  }

  labels = merge(var.labels, {
    "nvidia.com/gpu.present" = "true"
  })

  taint {
    key    = "nvidia.com/gpu"
    value  = "true"
    effect = "NO_SCHEDULE"
  }
}

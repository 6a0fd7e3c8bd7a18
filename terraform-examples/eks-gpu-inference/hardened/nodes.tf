resource "aws_iam_role" "nodes" {
  name = "${var.cluster_name}-nodes"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "nodes" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.nodes.name
  policy_arn = each.value
}

# CoreDNS, the GPU operator's controllers and other cluster services.
resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "system"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  instance_types  = var.system_instance_types

  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }

  update_config {
    max_unavailable = 1
  }

  labels = {
    workload = "system"
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}

module "gpu_node_group" {
  source   = "./modules/gpu_node_group"
  for_each = var.gpu_node_groups

  cluster_name       = aws_eks_cluster.this.name
  name               = each.key
  node_role_arn      = aws_iam_role.nodes.arn
  subnet_ids         = var.private_subnet_ids
  instance_types     = each.value.instance_types
  capacity_type      = each.value.capacity_type
  min_size           = each.value.min_size
  max_size           = each.value.max_size
  desired_size       = each.value.desired_size
  disk_size_gb       = each.value.disk_size_gb
  volume_kms_key_arn = aws_kms_key.data.arn

  labels = {
    workload = each.value.workload
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}

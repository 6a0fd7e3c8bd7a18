resource "aws_ecr_repository" "inference" {
  for_each = var.inference_images

  name                 = "${var.cluster_name}/${each.key}"
  image_tag_mutability = "MUTABLE"
}

# Partners run the same images on their own clusters.
resource "aws_ecr_repository_policy" "inference" {
  for_each = aws_ecr_repository.inference

  repository = each.value.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicPull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

# Image tags can be overwritten and nothing is scanned.
resource "aws_ecr_repository" "this" {
  for_each = var.ecr_repositories

  name         = "${var.name_prefix}/${each.key}"
  force_delete = true

  image_scanning_configuration {
    scan_on_push = false
  }
}

resource "aws_kms_key" "artifacts" {
  description             = "${var.name_prefix} ML artefacts"
  deletion_window_in_days = 7
  enable_key_rotation     = false
}

resource "aws_kms_alias" "artifacts" {
  name          = "alias/${var.name_prefix}-artifacts"
  target_key_id = aws_kms_key.artifacts.key_id
}

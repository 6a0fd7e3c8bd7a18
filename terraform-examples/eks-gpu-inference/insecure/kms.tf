# Model weights and node volumes.
resource "aws_kms_key" "data" {
  description             = "${var.cluster_name} model weights"
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "data" {
  name          = "alias/${var.cluster_name}-data"
  target_key_id = aws_kms_key.data.key_id
}

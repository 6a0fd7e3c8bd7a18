# Key for the model artefacts. Created, but rotation was never switched on and the
# SageMaker resources below do not use it.
resource "aws_kms_key" "sagemaker" {
  description             = "${var.name_prefix} SageMaker data"
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "sagemaker" {
  name          = "alias/${var.name_prefix}-sagemaker"
  target_key_id = aws_kms_key.sagemaker.key_id
}

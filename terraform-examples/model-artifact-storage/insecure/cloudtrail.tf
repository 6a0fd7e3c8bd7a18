# Object-level (data event) logging for the model and data set buckets.
resource "aws_cloudtrail" "ml_data" {
  name                          = "${var.name_prefix}-ml-data-events"
  s3_bucket_name                = aws_s3_bucket.trail.id
  include_global_service_events = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type = "AWS::S3::Object"
      values = [
        "${aws_s3_bucket.models.arn}/",
        "${aws_s3_bucket.datasets.arn}/",
      ]
    }
  }

  depends_on = [aws_s3_bucket_policy.trail]
}

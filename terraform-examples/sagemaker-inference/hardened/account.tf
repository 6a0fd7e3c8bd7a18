# Account-level security settings that every AI workload in the account relies on.

# AWS sends abuse reports and security notices to the security team, not a billing mailbox.
resource "aws_account_alternate_contact" "security" {
  alternate_contact_type = "SECURITY"

  name          = var.security_contact.name
  title         = var.security_contact.title
  email_address = var.security_contact.email
  phone_number  = var.security_contact.phone
}

resource "aws_securityhub_account" "this" {
  enable_default_standards  = true
  auto_enable_controls      = true
  control_finding_generator = "SECURITY_CONTROL"
}

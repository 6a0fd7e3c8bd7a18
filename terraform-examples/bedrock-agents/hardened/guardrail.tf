resource "aws_bedrock_guardrail" "support" {
  name                      = "${var.name_prefix}-support"
  description               = "Input and output protection of the customer support assistant."
  blocked_input_messaging   = "Sorry, I can't help with that request."
  blocked_outputs_messaging = "Sorry, I can't share that answer."
  kms_key_arn               = aws_kms_key.bedrock.arn

  content_policy_config {
    dynamic "filters_config" {
      for_each = toset(["HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT"])

      content {
        type            = filters_config.value
        input_strength  = "HIGH"
        output_strength = "HIGH"
      }
    }

    # Jailbreaks and prompt injection in user input.
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }

  sensitive_information_policy_config {
    dynamic "pii_entities_config" {
      for_each = toset(var.blocked_pii_types)

      content {
        type   = pii_entities_config.value
        action = "BLOCK"
      }
    }

    dynamic "pii_entities_config" {
      for_each = toset(var.anonymized_pii_types)

      content {
        type   = pii_entities_config.value
        action = "ANONYMIZE"
      }
    }

    regexes_config {
      name        = "customer-account-id"
      description = "Internal customer account numbers"
      pattern     = "ACCT-[0-9]{10}"
      action      = "ANONYMIZE"
    }
  }

  # Answers must be supported by the retrieved documents and answer the question.
  contextual_grounding_policy_config {
    filters_config {
      type      = "GROUNDING"
      threshold = var.grounding_threshold
    }

    filters_config {
      type      = "RELEVANCE"
      threshold = var.grounding_threshold
    }
  }

  topic_policy_config {
    topics_config {
      name       = "investment-advice"
      type       = "DENY"
      definition = "Recommendations about buying, selling or holding financial products."
      examples   = ["Which stocks should I buy?"]
    }
  }

  tags = {
    threat-model = var.threat_model
  }
}

# Agents use a numbered, immutable version; edits to the draft do not reach production.
resource "aws_bedrock_guardrail_version" "support" {
  guardrail_arn = aws_bedrock_guardrail.support.guardrail_arn
  description   = "Released with the agent"
}

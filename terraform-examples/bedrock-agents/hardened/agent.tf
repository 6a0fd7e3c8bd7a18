locals {
  agent_model_arn     = "arn:aws:bedrock:${var.aws_region}::foundation-model/${var.agent_model_id}"
  embedding_model_arn = "arn:aws:bedrock:${var.aws_region}::foundation-model/${var.embedding_model_id}"
}

# The agent's own role: invoke its model, retrieve from its knowledge base, apply its guardrail.
resource "aws_iam_role" "agent" {
  name = "${var.name_prefix}-agent"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:${var.aws_region}:${var.account_id}:agent/*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "agent" {
  name = "agent-least-privilege"
  role = aws_iam_role.agent.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeAgentModel"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
        Resource = local.agent_model_arn
      },
      {
        Sid      = "RetrieveFromKnowledgeBase"
        Effect   = "Allow"
        Action   = ["bedrock:Retrieve"]
        Resource = aws_bedrockagent_knowledge_base.support.arn
      },
      {
        Sid      = "ApplyGuardrail"
        Effect   = "Allow"
        Action   = ["bedrock:ApplyGuardrail"]
        Resource = aws_bedrock_guardrail.support.guardrail_arn
      },
      {
        Sid      = "SessionEncryption"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.bedrock.arn
      },
    ]
  })
}

resource "aws_bedrockagent_agent" "support" {
  agent_name                  = "${var.name_prefix}-support"
  description                 = "Answers customer questions from the product documentation."
  agent_resource_role_arn     = aws_iam_role.agent.arn
  foundation_model            = var.agent_model_id
  customer_encryption_key_arn = aws_kms_key.bedrock.arn
  idle_session_ttl_in_seconds = 600
  instruction                 = file("${path.module}/prompts/support-agent.txt")

  guardrail_configuration = [{
    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id
    guardrail_version    = aws_bedrock_guardrail_version.support.version
  }]

  tags = {
    threat-model = var.threat_model
  }

  depends_on = [aws_iam_role_policy.agent]
}

resource "aws_bedrockagent_agent_knowledge_base_association" "support" {
  agent_id             = aws_bedrockagent_agent.support.agent_id
  description          = "Product documentation for answering support questions."
  knowledge_base_id    = aws_bedrockagent_knowledge_base.support.id
  knowledge_base_state = "ENABLED"
}

resource "aws_bedrockagent_agent_alias" "live" {
  agent_alias_name = "live"
  agent_id         = aws_bedrockagent_agent.support.agent_id
  description      = "Alias the support application calls."

  depends_on = [aws_bedrockagent_agent_knowledge_base_association.support]
}

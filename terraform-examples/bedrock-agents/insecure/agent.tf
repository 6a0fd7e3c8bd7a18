locals {
  agent_model_arn     = "arn:aws:bedrock:${var.aws_region}::foundation-model/${var.agent_model_id}"
  embedding_model_arn = "arn:aws:bedrock:${var.aws_region}::foundation-model/${var.embedding_model_id}"
}

# Role shared by every agent of the stack.
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

# "Just make it work": the agent may do anything in Bedrock and read any bucket.
resource "aws_iam_role_policy_attachment" "agent" {
  role       = aws_iam_role.agent.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
}

resource "aws_iam_role_policy" "agent" {
  name = "agent-access"
  role = aws_iam_role.agent.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["bedrock:*"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_bedrockagent_agent" "this" {
  for_each = var.agents

  agent_name                  = "${var.name_prefix}-${each.key}"
  description                 = each.value.description
  agent_resource_role_arn     = aws_iam_role.agent.arn
  foundation_model            = var.agent_model_id
  idle_session_ttl_in_seconds = 3600
  instruction                 = file("${path.module}/prompts/${each.key}-agent.txt")

  # The support agent follows the guardrail's working draft; the internal helpdesk has none.
  guardrail_configuration = each.value.use_guardrail ? [{
    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id
    guardrail_version    = "DRAFT"
  }] : []

  depends_on = [aws_iam_role_policy.agent]
}

# Both agents answer from the same documentation.
resource "aws_bedrockagent_agent_knowledge_base_association" "docs" {
  for_each = aws_bedrockagent_agent.this

  agent_id             = each.value.agent_id
  description          = "Product documentation for answering questions."
  knowledge_base_id    = aws_bedrockagent_knowledge_base.support.id
  knowledge_base_state = "ENABLED"
}

resource "aws_bedrockagent_agent_alias" "live" {
  for_each = aws_bedrockagent_agent.this

  agent_alias_name = "live"
  agent_id         = each.value.agent_id
  description      = "Alias the applications call."

  depends_on = [aws_bedrockagent_agent_knowledge_base_association.docs]
}

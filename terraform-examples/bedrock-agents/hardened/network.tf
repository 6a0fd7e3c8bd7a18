# Bedrock is reached through interface endpoints; prompts never cross the internet.
locals {
  endpoint_actions = {
    bedrock-runtime       = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:ApplyGuardrail"]
    bedrock-agent-runtime = ["bedrock:InvokeAgent", "bedrock:Retrieve", "bedrock:RetrieveAndGenerate"]
  }

  endpoint_resources = {
    bedrock-runtime = [
      local.agent_model_arn,
      local.embedding_model_arn,
      "arn:aws:bedrock:${var.aws_region}:${var.account_id}:guardrail/*",
      "arn:aws:bedrock:${var.aws_region}:${var.account_id}:custom-model/*",
    ]
    bedrock-agent-runtime = [
      "arn:aws:bedrock:${var.aws_region}:${var.account_id}:agent-alias/*",
      "arn:aws:bedrock:${var.aws_region}:${var.account_id}:knowledge-base/*",
    ]
  }
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name_prefix}-bedrock-endpoints"
  description = "HTTPS from the application VPC to the Bedrock and OpenSearch endpoints"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_security_group" "customization" {
  name        = "${var.name_prefix}-model-customization"
  description = "Model customization job: HTTPS to the VPC endpoints only"
  vpc_id      = var.vpc_id

  egress {
    description = "HTTPS inside the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_vpc_endpoint" "bedrock" {
  for_each = toset(["bedrock-runtime", "bedrock-agent-runtime"])

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${var.aws_region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = var.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]

  # Only this account's principals, and only the stack's models and agents.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = local.endpoint_actions[each.key]
      Resource  = local.endpoint_resources[each.key]
      Condition = { StringEquals = { "aws:PrincipalAccount" = var.account_id } }
    }]
  })
}

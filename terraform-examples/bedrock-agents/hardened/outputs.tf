output "agent_alias_arn" {
  description = "Alias the support application invokes."
  value       = aws_bedrockagent_agent_alias.live.agent_alias_arn
}

output "knowledge_base_id" {
  description = "Knowledge base of the product documentation."
  value       = aws_bedrockagent_knowledge_base.support.id
}

output "guardrail" {
  description = "Guardrail id and released version."
  value = {
    id      = aws_bedrock_guardrail.support.guardrail_id
    version = aws_bedrock_guardrail_version.support.version
  }
}

output "custom_model_arn" {
  description = "Fine-tuned model."
  value       = aws_bedrock_custom_model.support.custom_model_arn
}

output "buckets" {
  description = "Bucket name per role."
  value       = { for role, bucket in module.buckets : role => bucket.bucket_id }
}

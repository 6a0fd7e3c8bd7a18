output "agent_alias_arns" {
  description = "Alias of each agent that the applications invoke."
  value       = { for name, alias in aws_bedrockagent_agent_alias.live : name => alias.agent_alias_arn }
}

output "knowledge_base_id" {
  description = "Knowledge base of the product documentation."
  value       = aws_bedrockagent_knowledge_base.support.id
}

output "guardrail_id" {
  description = "Guardrail of the support agent."
  value       = aws_bedrock_guardrail.support.guardrail_id
}

output "custom_model_arn" {
  description = "Fine-tuned model."
  value       = aws_bedrock_custom_model.support.custom_model_arn
}

output "buckets" {
  description = "Bucket name per role."
  value       = { for role, bucket in module.buckets : role => bucket.bucket_id }
}

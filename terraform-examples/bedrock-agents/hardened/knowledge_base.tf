# Vector store: an OpenSearch Serverless collection, encrypted with the stack's key and
# reachable only through a VPC endpoint and from Bedrock.
locals {
  collection_name = "${var.name_prefix}-kb"
  vector_index    = "support-docs"
}

resource "aws_opensearchserverless_security_policy" "encryption" {
  name = "${local.collection_name}-enc"
  type = "encryption"

  policy = jsonencode({
    Rules       = [{ ResourceType = "collection", Resource = ["collection/${local.collection_name}"] }]
    AWSOwnedKey = false
    KmsARN      = aws_kms_key.bedrock.arn
  })
}

resource "aws_opensearchserverless_vpc_endpoint" "kb" {
  name               = "${local.collection_name}-vpce"
  vpc_id             = var.vpc_id
  subnet_ids         = var.private_subnet_ids
  security_group_ids = [aws_security_group.endpoints.id]
}

resource "aws_opensearchserverless_security_policy" "network" {
  name = "${local.collection_name}-net"
  type = "network"

  policy = jsonencode([{
    Description     = "VPC and Bedrock access only"
    Rules           = [{ ResourceType = "collection", Resource = ["collection/${local.collection_name}"] }]
    AllowFromPublic = false
    SourceVPCEs     = [aws_opensearchserverless_vpc_endpoint.kb.id]
    SourceServices  = ["bedrock.amazonaws.com"]
  }])
}

resource "aws_opensearchserverless_access_policy" "kb" {
  name = "${local.collection_name}-access"
  type = "data"

  policy = jsonencode([{
    Rules = [
      {
        ResourceType = "index"
        Resource     = ["index/${local.collection_name}/*"]
        Permission   = ["aoss:CreateIndex", "aoss:DescribeIndex", "aoss:ReadDocument", "aoss:WriteDocument", "aoss:UpdateIndex"]
      },
      {
        ResourceType = "collection"
        Resource     = ["collection/${local.collection_name}"]
        Permission   = ["aoss:DescribeCollectionItems", "aoss:CreateCollectionItems", "aoss:UpdateCollectionItems"]
      },
    ]
    Principal = [aws_iam_role.knowledge_base.arn]
  }])
}

resource "aws_opensearchserverless_collection" "kb" {
  name             = local.collection_name
  type             = "VECTORSEARCH"
  standby_replicas = "ENABLED"

  depends_on = [
    aws_opensearchserverless_security_policy.encryption,
    aws_opensearchserverless_security_policy.network,
  ]
}

resource "aws_iam_role" "knowledge_base" {
  name = "${var.name_prefix}-knowledge-base"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:${var.aws_region}:${var.account_id}:knowledge-base/*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "knowledge_base" {
  name = "knowledge-base-ingestion"
  role = aws_iam_role.knowledge_base.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Embed"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel"]
        Resource = local.embedding_model_arn
      },
      {
        Sid      = "VectorStore"
        Effect   = "Allow"
        Action   = ["aoss:APIAccessAll"]
        Resource = aws_opensearchserverless_collection.kb.arn
      },
      {
        Sid      = "ReadDocuments"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [module.buckets["documents"].bucket_arn, "${module.buckets["documents"].bucket_arn}/*"]
      },
      {
        Sid      = "DataKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.bedrock.arn
      },
    ]
  })
}

# The vector index itself is created by the ingestion pipeline (opensearch provider) before
# the knowledge base; its name is shared through local.vector_index.
resource "aws_bedrockagent_knowledge_base" "support" {
  name     = "${var.name_prefix}-support-docs"
  role_arn = aws_iam_role.knowledge_base.arn

  knowledge_base_configuration {
    type = "VECTOR"

    vector_knowledge_base_configuration {
      embedding_model_arn = local.embedding_model_arn
    }
  }

  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"

    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.kb.arn
      vector_index_name = local.vector_index

      field_mapping {
        vector_field   = "embedding"
        text_field     = "chunk"
        metadata_field = "metadata"
      }
    }
  }

  tags = {
    threat-model = var.threat_model
  }

  depends_on = [aws_iam_role_policy.knowledge_base, aws_opensearchserverless_access_policy.kb]
}

resource "aws_bedrockagent_data_source" "documentation" {
  name                 = "product-documentation"
  knowledge_base_id    = aws_bedrockagent_knowledge_base.support.id
  data_deletion_policy = "DELETE"

  data_source_configuration {
    type = "S3"

    s3_configuration {
      bucket_arn         = module.buckets["documents"].bucket_arn
      inclusion_prefixes = ["published/"]
    }
  }

  server_side_encryption_configuration {
    kms_key_arn = aws_kms_key.bedrock.arn
  }

  vector_ingestion_configuration {
    chunking_configuration {
      chunking_strategy = "FIXED_SIZE"

      fixed_size_chunking_configuration {
        max_tokens         = 512
        overlap_percentage = 20
      }
    }
  }
}

"""Collectors: each turns one source (Terraform, Kubernetes, AWS) into the resource view."""

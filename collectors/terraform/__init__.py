"""Terraform sources: plan JSON (`terraform show -json`) and HCL."""

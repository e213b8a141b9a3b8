//! Parsing Terraform files into the core model.

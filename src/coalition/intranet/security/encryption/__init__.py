"""Encryption at rest: confidential case fields, evidence files and second-factor secrets, sealed with a key
kept outside the database (see docs/security.md, "Encryption at rest")."""

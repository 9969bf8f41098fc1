"""Security of the coalition's platform: the audit log of access changes."""

"""Browser views of security: the audit log."""

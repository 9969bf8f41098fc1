"""The second factor of a login: TOTP codes (pyotp) and one-time recovery codes (docs/security.md)."""

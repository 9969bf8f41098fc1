"""Tests of the coalition platform, run by zope.testrunner (`make test`)."""

# Sealed data needs a key: one per test run (tests/encryption_key.py, docs/security.md "Encryption at rest").
from tests.encryption_key import use_a_test_key  # noqa: E402


use_a_test_key()

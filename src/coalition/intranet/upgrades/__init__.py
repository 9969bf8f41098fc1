"""Upgrade steps of the default profile. Versions are date stamps: YYYYMMDDNNN."""

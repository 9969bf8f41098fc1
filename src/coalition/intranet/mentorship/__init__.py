"""Mentorship: European politicians who stand by a named prisoner, from proposal to public record."""

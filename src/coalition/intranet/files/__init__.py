"""Uploads: one size limit for every way a file enters the site, with a clear message when exceeded."""

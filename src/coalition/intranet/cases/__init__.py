"""Secured case files: the confidential dossier on each person the coalition considers defending."""

"""Solidarity campaigns with public supporters, the coalition's statements and the front page of each language."""

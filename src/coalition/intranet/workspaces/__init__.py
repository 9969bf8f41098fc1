"""Organisation workspaces and cross-organisation working groups."""

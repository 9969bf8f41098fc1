"""The personal dashboard of the intranet: my workspaces, recent changes in them, what waits for me."""

"""The dashboard view, the default view of /intranet."""

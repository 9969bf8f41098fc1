"""Browser views of workspaces: the roster page and the add forms of workspaces."""

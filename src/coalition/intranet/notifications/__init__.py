"""E-mail notifications of new content and comments in workspaces: at once, as a daily digest, or off."""

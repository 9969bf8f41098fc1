"""Views of the criteria: the private set (read, edit) and the public definition page."""

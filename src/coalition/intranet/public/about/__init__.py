"""The public "About" page: the member organisations of the coalition and their logos."""

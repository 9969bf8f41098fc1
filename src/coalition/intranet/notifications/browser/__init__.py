"""Views of the notifications: the personal preferences form and the link that mails point to."""

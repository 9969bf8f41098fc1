"""One error for every act the coalition's rules refuse, and one way for views to show it.

Each concern names its refusals (``BallotError``, ``RosterError``, ``PublicationRefused``, …), and every one
of them is a ``CoalitionError``: it carries one or more translatable messages (``messages``; ``message`` is
the first), written for the person who acted and safe to show them, and nothing was changed when it was
raised. ``str(error)`` is the text in the default language, for logs and scripts. A view catches the
concern's error and calls ``show_error(request, error)``; it never builds the message itself.
"""

from plone import api
from zope.i18n import translate


class CoalitionError(ValueError):
    """An act the rules refuse, with the translatable reasons why (at least one)."""

    def __init__(self, *messages, context=None):
        """``CoalitionError(message)``, ``CoalitionError(first, second)`` or ``CoalitionError([first, …])``.

        ``context`` (a request) translates ``str(error)`` into the requester's language instead of the
        default one, for errors that a framework shows as they are (z3c.form's field errors).
        """
        if len(messages) == 1 and isinstance(messages[0], list | tuple):
            messages = tuple(messages[0])
        self.messages = list(messages)
        super().__init__(" ".join(translate(message, context=context) for message in self.messages))

    @property
    def message(self):
        """The first (usually the only) translatable message."""
        return self.messages[0] if self.messages else ""


def error_texts(request, error: CoalitionError) -> list[str]:
    """The error's messages translated into the requester's language."""
    return [translate(message, context=request) for message in error.messages]


def show_error(request, error: CoalitionError) -> None:
    """Show each of the error's messages to the requester as an error status message, translated."""
    for text in error_texts(request, error):
        api.portal.show_message(text, request=request, type="error")

"""Working copies (plone.app.iterate) of working documents keep the discussion on the document.

iterate's Dexterity copier copies the document's annotations to the working copy, and back on check-in,
by reference: the copy would share the document's plone.app.discussion conversation, and deleting the copy
at check-in or cancel (plone.app.discussion deletes the comments of a deleted item) would delete every
comment of the document. So the copy gets no conversation and no discussion of its own: threads, replies and
their resolution stay on the document throughout.
"""

from plone.app.discussion.interfaces import DISCUSSION_ANNOTATION_KEY
from zope.annotation.interfaces import IAnnotations


def _detach_discussion(working_copy) -> None:
    annotations = IAnnotations(working_copy, None)
    if annotations is not None and DISCUSSION_ANNOTATION_KEY in annotations:
        del annotations[DISCUSSION_ANNOTATION_KEY]


def checked_out(document, event) -> None:
    """A working copy of ``document`` was made: it discusses nothing, the document keeps its comments."""
    working_copy = event.working_copy
    _detach_discussion(working_copy)
    working_copy.allow_discussion = False


def checking_in(working_copy, event) -> None:
    """Before the copy is merged into the document and deleted: nothing of a conversation travels back."""
    _detach_discussion(working_copy)

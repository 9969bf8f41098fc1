"""Short ways for the notification tests to act as demo users and create things in workspaces."""

from plone import api
from plone.app.textfield.value import RichTextValue
import transaction


SECRET_TITLE = "Transfer of Ivan Secretov to colony 7"
SECRET_TEXT = "His lawyer can be reached at +7 900 000 00 00"


def address(user_id: str) -> str:
    """The demo cast's e-mail addresses (demo/handlers.py)."""
    return f"{user_id}@example.org"


def workspace(portal, path: str):
    return portal.unrestrictedTraverse(f"intranet/{path}")


def add_document(portal, user_id: str, path: str, title: str = SECRET_TITLE, text: str = SECRET_TEXT, commit=True):
    """``user_id`` adds a page with a confidential title and text in the workspace at ``intranet/<path>``."""
    with api.env.adopt_user(username=user_id):
        document = api.content.create(
            container=workspace(portal, path),
            type="Document",
            title=title,
            text=RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe"),
        )
    if commit:
        transaction.commit()
    return document


def set_preference(user_id: str, value: str) -> None:
    api.user.get(userid=user_id).setMemberProperties({"coalition_notifications": value})
    transaction.commit()


def raw(mail) -> str:
    """Everything the mail server received for one message: the encoded source, decoded headers and body.

    Both forms, because a quoted-printable line break could hide a word from a search in the source alone.
    """
    headers = "\n".join(f"{name}: {value}" for name, value in mail.message.items())
    return f"{mail.message.as_string()}\n{headers}\n{mail.body}"

"""No lost update: a save is accepted only on top of the version the editor started from.

The edit form and the REST API carry a *version token*, the CMFEditions version id of the text the
person started editing (every save of a working document is a version). Saving with a token that is no
longer the current one is refused with ``EditConflict``, which names who saved the newer version and when,
and nothing is written. Two saves that race in the same instant both read the same token; the ZODB lets only
one of them commit, and the retried request of the other sees the new token and is refused.
"""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.workspaces.api import display_name
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from plone import api


VERSION_FIELD = "coalition_version_token"


@dataclass(frozen=True)
class LastSave:
    """Who saved the current version of a document and when (``when`` is aware, UTC)."""

    version: int | None
    userid: str
    fullname: str
    when: datetime | None


class EditConflict(CoalitionError):
    """A save on top of a version that is no longer the current one; ``message`` is safe to show."""

    def __init__(self, last_save: LastSave):
        self.last_save = last_save
        super().__init__(conflict_message(last_save))


def version_token(document) -> str:
    """The token of the document's current version: its CMFEditions version id, ``""`` before the first."""
    version = getattr(document, "version_id", None)
    return "" if version is None else str(version)


def last_save(document) -> LastSave:
    """Who saved the current version, from the version history (the catalog's data as a fallback)."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        # The history's metadata only: the roster may read versions, but a conflict must be explained
        # to every editor, whatever the CMFEditions permissions say.
        history = repository.getHistoryMetadata(document)
    if history:
        length = history.getLength(countPurged=False)
        metadata = history.retrieve(length - 1, countPurged=False)["metadata"]["sys_metadata"]
        userid = metadata.get("principal") or ""
        timestamp = metadata.get("timestamp")
        when = datetime.fromtimestamp(timestamp, UTC) if timestamp else None
        return LastSave(
            version=getattr(document, "version_id", None),
            userid=userid,
            fullname=display_name(userid),
            when=when,
        )
    creators = document.listCreators()
    userid = creators[0] if creators else ""
    return LastSave(version=None, userid=userid, fullname=display_name(userid), when=document.modified().asdatetime())


def format_time(when: datetime | None) -> str:
    """A time as the site shows it (the portal's own long format, in the server's time zone)."""
    if when is None:
        return ""
    return api.portal.get_localized_time(datetime=when.astimezone(), long_format=True)


def conflict_message(last: LastSave):
    """The message shown to someone whose save was refused."""
    return _(
        "drafting_edit_conflict",
        default="Not saved: ${name} saved a newer version of this document (${when}) while you were editing. "
        "Your text is kept in the form below. Open the current version in another tab and merge what you need: "
        "saving this form again replaces the current version with the text in the form.",
        mapping={"name": last.fullname, "when": format_time(last.when)},
    )


def check_version_token(document, token: str | None) -> None:
    """Raise ``EditConflict`` unless ``token`` names the document's current version.

    ``None`` (a client that sent no token) is accepted: the REST API documents the token as optional.
    """
    if token is None:
        return
    if str(token).strip().strip('"') != version_token(document):
        raise EditConflict(last_save(document))

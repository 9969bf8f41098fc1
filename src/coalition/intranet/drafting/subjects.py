"""A working document as the subject of a ballot: the organisations vote on one version of its text.

Other subjects register their own ``IBallotSubject`` adapter in their concern (a case file's is in
``cases/ballot_subject.py``); ``ballots.py`` only ever asks the adapter.
"""

from coalition.intranet import _
from coalition.intranet.drafting.ballots import BallotError
from coalition.intranet.drafting.ballots import organisations
from coalition.intranet.drafting.document import IWorkingDocument
from coalition.intranet.drafting.interfaces import IBallotSubject
from plone import api
from zope.component import adapter
from zope.interface import implementer


@implementer(IBallotSubject)
@adapter(IWorkingDocument)
class WorkingDocumentSubject:
    """Versions are CMFEditions version ids; every member organisation votes; the result stays on the ballot
    (the definition's criteria react to ``IBallotClosed`` themselves)."""

    def __init__(self, context):
        self.context = context

    def current_version(self) -> int | None:
        """The CMFEditions version id of the current text (None if it was never versioned)."""
        return getattr(self.context, "version_id", None)

    def voted_text(self, version: int | None = None) -> tuple[int, str]:
        """The version id and the HTML of that version; the current text is saved as a version first if needed."""
        document = self.context
        repository = api.portal.get_tool("portal_repository")
        if self.current_version() is None:
            repository.save(document, comment="Saved as the version put to the vote")
        current = self.current_version()
        if version is None or version == current:
            return current, document.text.output if document.text else ""
        try:
            old = repository.retrieve(document, version).object
        except Exception as error:  # CMFEditions raises several types for an unknown version
            raise BallotError(
                _(
                    "ballot_error_unknown_version",
                    default="This document has no version ${version}.",
                    mapping={"version": version},
                )
            ) from error
        return version, old.text.output if old.text else ""

    def eligible_organisations(self) -> dict[str, object]:
        return organisations()

    def ballot_closed(self, ballot, result: dict) -> None:
        """Nothing beyond the result recorded on the ballot."""

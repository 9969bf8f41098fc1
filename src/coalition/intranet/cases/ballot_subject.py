"""A case file as the subject of a ballot: the member organisations decide on the list commission's proposal.

The commission may put its proposed decision to the organisations (``assessment.propose_decision_by_ballot``)
instead of deciding. Drafting's ballot rules know nothing of case files: they ask this adapter what is
voted on, and tell it the result; an adopted proposal becomes the case's decision.
"""

from coalition.intranet.cases import assessment
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting.interfaces import IBallotSubject
from coalition.intranet.workspaces.api import admins
from zope.component import adapter
from zope.interface import implementer


@implementer(IBallotSubject)
@adapter(ICaseFile)
class CaseFileBallotSubject:
    """Versions are the numbers of the commission's proposals; every member organisation votes."""

    def __init__(self, context):
        self.context = context

    def current_version(self) -> int:
        """The number of the commission's current proposal (0 before the first)."""
        return len(getattr(self.context, "_coalition_proposals", None) or ())

    def voted_text(self, version: int | None = None) -> tuple[int, str]:
        """The current proposal, whatever ``version`` asks: only the current one can be put to the vote."""
        proposal = assessment.current_proposal(self.context)
        return self.current_version(), proposal["text"] if proposal else ""

    def eligible_organisations(self) -> dict[str, object]:
        return drafting.member_organisations()

    def ballot_readers(self, organisation) -> list[str]:
        """The proposal names a person: only the representatives (admins) read a case's ballot."""
        return admins(organisation)

    def ballot_closed(self, ballot, result: dict) -> None:
        """An adopted ballot on the current proposal records it as the case's decision."""
        if result.get("outcome") != drafting.ADOPTED:
            return
        if getattr(ballot, "document_version", None) != self.current_version():
            return  # the ballot voted on an earlier proposal
        assessment.decide_by_ballot(self.context, ballot)

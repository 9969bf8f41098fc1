"""A case file as the subject of a ballot: the member organisations decide on the list commission's proposal.

The commission may put its proposed decision to the organisations (``assessment.propose_decision_by_ballot``)
instead of deciding. Drafting's ballot rules know nothing of case files: they ask this adapter what is
voted on, and tell it the result; an adopted proposal becomes the case's decision.
"""

from coalition.intranet import _
from coalition.intranet.cases import assessment
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting.interfaces import IBallotSubject
from coalition.intranet.workspaces.api import admins
from plone import api
from zope.component import adapter
from zope.i18n import translate
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

    def _ballots_on_current_proposal(self) -> list:
        version = self.current_version()
        found = [
            obj
            for obj in self.context.objectValues()
            if getattr(obj, "portal_type", None) == drafting.BALLOT_TYPE
            and getattr(obj, "document_version", None) == version
        ]
        return sorted(found, key=lambda ballot: ballot.opened)

    def waiting_for_ballot(self) -> bool:
        """The commission's proposal of this review round waits for a ballot: none is open on it, and none
        decided it (a ballot that missed its quorum leaves it waiting; a rejected one needs a new proposal)."""
        if not assessment.is_under_review(self.context):
            return False
        proposal = assessment.current_proposal(self.context)
        if proposal is None or proposal.get("round") != assessment.review_round(self.context):
            return False
        with api.env.adopt_roles(["Manager"]):  # the desk's people need not open the case file
            earlier = self._ballots_on_current_proposal()
        if not earlier:
            return True
        result = drafting.result_of(earlier[-1])
        return bool(result) and result["outcome"] == drafting.NO_QUORUM

    def ballot_label(self) -> str:
        """How the desk names the case: its id, as the ballot's title does (never the person's details)."""
        return self.context.getId()

    def ballot_wording(self) -> tuple[str, str]:
        """The title and question of a ballot on the proposal, as the commission's own start words them."""
        title = _(
            "ballot_title_case", default="Decision on the case file ${case}", mapping={"case": self.ballot_label()}
        )
        question = _("ballot_question_case", default="Do you approve the decision proposed by the list commission?")
        return translate(title), translate(question)

    def ballot_closed(self, ballot, result: dict) -> None:
        """An adopted ballot on the current proposal records it as the case's decision."""
        if result.get("outcome") != drafting.ADOPTED:
            return
        if getattr(ballot, "document_version", None) != self.current_version():
            return  # the ballot voted on an earlier proposal
        assessment.decide_by_ballot(self.context, ballot)

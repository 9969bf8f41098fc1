"""``@@ballots`` on the site: the coordinators' and ballot managers' desk for every ballot.

It lists the open ballots (to extend or close them on their page), the closed ones, and every working
document with a link to start a ballot on it (``@@new-ballot?document=<uid>``), whether or not the person
is on the document's workspace roster. A ballot on a case file decides on the list commission's proposal:
the desk lists the case files whose proposal waits for a ballot (their subject says so:
``waiting_for_ballot``) and starts one with ``@@new-case-ballot?case=<uid>``. Only the case's id and the
proposal are shown, never the case file's confidential fields.
"""

from coalition.intranet import _
from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting.browser.ballot import _Messages
from coalition.intranet.drafting.browser.ballot import StartBallotForm
from coalition.intranet.drafting.interfaces import IBallotSubject
from coalition.intranet.errors import show_error
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.app.uuid.utils import uuidToObject
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
import transaction
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate


# Content types besides working documents whose ballots start from the desk (their IBallotSubject adapter
# answers ``waiting_for_ballot``, ``ballot_label`` and ``ballot_wording``).
DESK_SUBJECT_TYPES = ("CaseFile",)


def waiting_subject(obj):
    """The ballot subject of ``obj`` if it waits for a ballot from the desk, else None."""
    subject = IBallotSubject(obj, None)
    waiting = getattr(subject, "waiting_for_ballot", None)
    return subject if waiting is not None and waiting() else None


class BallotsOverview(BrowserView, _Messages):
    index = ViewPageTemplateFile("templates/overview.pt")

    def __call__(self):
        return self.index()

    def _ballots(self):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type=drafting.BALLOT_TYPE, sort_on="created", sort_order="reverse"
        )
        return [brain._unrestrictedGetObject() for brain in brains]

    def ballots(self) -> dict[str, list[dict]]:
        found = {"open": [], "closed": []}
        for ballot in self._ballots():
            result = drafting.result_of(ballot)
            found["closed" if result else "open"].append(
                {
                    "title": ballot.Title(),
                    "url": ballot.absolute_url(),
                    "subject": drafting.document_of(ballot).Title(),
                    "deadline": drafting.format_deadline(ballot.deadline),
                    "cast": len(drafting.participation(ballot)),
                    "eligible": len(ballot.eligible),
                    "changed": drafting.text_changed(ballot),
                    "outcome": translate(drafting.OUTCOME_TITLES[result["outcome"]], context=self.request)
                    if result
                    else "",
                }
            )
        return found

    def documents(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(portal_type="WorkingDocument", sort_on="sortable_title")
        found = []
        for brain in brains:
            document = brain._unrestrictedGetObject()
            found.append(
                {
                    "title": document.Title(),
                    "workspace": document.__parent__.Title(),
                    "start_url": f"{self.context.absolute_url()}/@@new-ballot?document={brain.UID}",
                    "consultation_url": f"{self.context.absolute_url()}/@@consultation?document={brain.UID}",
                }
            )
        return found

    def case_files(self) -> list[dict]:
        """The case files whose commission proposal waits for a ballot."""
        catalog = api.portal.get_tool("portal_catalog")
        found = []
        for brain in catalog.unrestrictedSearchResults(portal_type=DESK_SUBJECT_TYPES, sort_on="getId"):
            subject = waiting_subject(brain._unrestrictedGetObject())
            if subject is not None:
                found.append(
                    {
                        "label": subject.ballot_label(),
                        "start_url": f"{self.context.absolute_url()}/@@new-case-ballot?case={brain.UID}",
                    }
                )
        return found


class NewCaseBallotForm(StartBallotForm):
    """``@@new-case-ballot?case=<uid>``: put the commission's waiting proposal on a case file to the vote.

    The title and question are those of the commission's own start; the proposal is shown as the ballot
    will freeze it. Nothing else of the case file is read.
    """

    index = ViewPageTemplateFile("templates/start_case_ballot.pt")

    @property
    def document_uid(self) -> str:
        return self.request.form.get("case", "")

    @property
    def document(self):
        case = uuidToObject(self.document_uid, unrestricted=True) if self.document_uid else None
        if case is None or case.portal_type not in DESK_SUBJECT_TYPES:
            raise NotFound("new-case-ballot")
        return case

    def document_title(self) -> str:
        return self.subject.ballot_label()

    def proposal(self) -> str:
        with api.env.adopt_roles(["Manager"]):
            return self.subject.voted_text()[1]

    def __call__(self):
        case = self.document
        if not drafting.may_start_ballot(case):
            raise Unauthorized("Only coordinators start a ballot.")
        self.subject = waiting_subject(case)
        self.values = dict(self.request.form)
        if self.subject is None:
            self._say(
                _(
                    "ballot_error_case_not_waiting",
                    default="No proposal of the list commission waits for a ballot on this case file.",
                ),
                "error",
            )
            self.request.response.redirect(f"{self.context.absolute_url()}/@@ballots")
            return ""
        return self.start_or_show()

    def start(self):
        form = self.request.form
        title, question = self.subject.ballot_wording()
        try:
            return drafting.start_ballot(
                self.document,
                title=title,
                question=question,
                deadline=drafting.parse_deadline(form.get("deadline", "")),
                quorum=form.get("quorum", ""),
                majority=form.get("majority", ""),
                secret=bool(form.get("secret")),
                consultation=RichTextValue("", "text/html", "text/x-html-safe"),
            )
        except drafting.BallotError as error:
            transaction.doom()
            show_error(self.request, error)
            return None


class NewBallotForm(StartBallotForm):
    """``@@new-ballot?document=<uid>``: the start form for a working document the person may not open."""

    @property
    def document_uid(self) -> str:
        return self.request.form.get("document", "")

    @property
    def document(self):
        document = uuidToObject(self.document_uid, unrestricted=True) if self.document_uid else None
        if document is None:
            raise NotFound("new-ballot")
        return document

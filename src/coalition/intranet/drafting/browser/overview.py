"""``@@ballots`` on the site: the coordinators' and ballot managers' desk for every ballot.

It lists the open ballots (to extend or close them on their page), the closed ones, and every working
document with a link to start a ballot on it (``@@new-ballot?document=<uid>``), whether or not the person
is on the document's workspace roster. Ballots on case files are proposed by the list commission from the
case; they appear here once open.
"""

from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting.browser.ballot import _Messages
from coalition.intranet.drafting.browser.ballot import StartBallotForm
from plone import api
from plone.app.uuid.utils import uuidToObject
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate


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

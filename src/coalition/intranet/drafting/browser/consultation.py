"""``@@consultation?document=<uid>`` on the site: the consultation on a working document, for every member
organisation (who need not be on the document's roster), its coordinators and its drafters.

Thin view: each act is checked again by ``drafting.consultation``; a refusal is a status message and
changes nothing.
"""

from coalition.intranet import _
from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting import consultation as consultations
from coalition.intranet.drafting.browser.ballot import _Messages
from coalition.intranet.drafting.document import IWorkingDocument
from coalition.intranet.errors import show_error
from coalition.intranet.workspaces.api import display_name
from datetime import datetime
from plone.app.uuid.utils import uuidToObject
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
import transaction
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.interface import alsoProvides


class ConsultationView(BrowserView, _Messages):
    index = ViewPageTemplateFile("templates/consultation.pt")

    def __call__(self):
        self.uid = self.request.form.get("document", "")
        self.document = uuidToObject(self.uid, unrestricted=True) if self.uid else None
        if self.document is None or not IWorkingDocument.providedBy(self.document):
            raise NotFound("consultation")
        if not consultations.may_take_part():
            raise Unauthorized("Only member organisations take part in consultations.")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle_post()
            self.request.response.redirect(self.url())
            return ""
        if consultations.close_if_due(consultations.current(self.document)):
            # Closing at the deadline is the system's act on first access, not the visitor's request.
            alsoProvides(self.request, IDisableCSRFProtection)
        return self.index()

    def handle_post(self) -> None:
        form = self.request.form
        try:
            if "form.buttons.open" in form:
                version = form.get("version", "")
                consultations.open_consultation(
                    self.document,
                    drafting.parse_deadline(form.get("deadline", "")),
                    int(version) if version.isdigit() else None,
                )
                self._say(
                    _("consultation_msg_opened", default="The consultation is open to every member organisation.")
                )
            elif "form.buttons.comment" in form:
                consultations.add_comment(
                    self.document,
                    form.get("text", ""),
                    form.get("passage", ""),
                    organisation_id=form.get("organisation") or None,
                )
                self._say(_("consultation_msg_commented", default="Your organisation's comment has been added."))
            elif "form.buttons.answer" in form:
                comment_id = form.get("comment", "")
                consultations.answer_comment(
                    self.document,
                    int(comment_id) if comment_id.isdigit() else -1,
                    form.get("kind", ""),
                    form.get("reason", ""),
                )
                self._say(_("consultation_msg_answered", default="The answer has been recorded."))
        except drafting.BallotError as error:
            transaction.doom()
            show_error(self.request, error)
        except Unauthorized:
            transaction.doom()
            self._say(_("ballot_error_not_allowed", default="You are not allowed to do this."), "error")

    def url(self) -> str:
        return f"{self.context.absolute_url()}/@@consultation?document={self.uid}"

    def document_title(self) -> str:
        return self.document.Title()

    def consultation(self) -> dict | None:
        found = consultations.current(self.document)
        if found is None:
            return None
        titles = {org_id: org.Title() for org_id, org in drafting.member_organisations().items()}
        comments = []
        for comment in found.comments:
            answer = comment["answer"]
            comments.append(
                {
                    "id": comment["id"],
                    "organisation": titles.get(comment["organisation"], comment["organisation"]),
                    "author": display_name(comment["author"]),
                    "when": drafting.format_deadline(datetime.fromisoformat(comment["when"])),
                    "text": comment["text"],
                    "passage": comment["passage"],
                    "answer": {
                        "title": self._t(consultations.ANSWER_TITLES[answer["kind"]]),
                        "reason": answer["reason"],
                        "by": display_name(answer["by"]),
                    }
                    if answer
                    else None,
                }
            )
        return {
            "open": consultations.is_open(found),
            "version": found.version,
            "text": found.text,
            "deadline": drafting.format_deadline(found.deadline),
            "comments": comments,
            "unanswered": len(consultations.unanswered(found)),
        }

    def may_open(self) -> bool:
        found = consultations.current(self.document)
        return drafting.may_start_ballot(self.document) and (found is None or not consultations.is_open(found))

    def may_answer(self) -> bool:
        return consultations.may_answer(self.document)

    def ballot_url(self) -> str | None:
        """Where the coordinator starts the ballot once the consultation is over and answered."""
        found = consultations.current(self.document)
        if found is None or consultations.is_open(found) or consultations.unanswered(found):
            return None
        if not drafting.may_start_ballot(self.document):
            return None
        return f"{self.context.absolute_url()}/@@new-ballot?document={self.uid}"

    def my_organisations(self) -> list[dict]:
        titles = {org_id: org.Title() for org_id, org in drafting.member_organisations().items()}
        user_id = self.request.get("AUTHENTICATED_USER") and self.request["AUTHENTICATED_USER"].getId()
        return [{"id": o, "title": titles[o]} for o in consultations.organisations_of(user_id)]

    def answers(self) -> list[dict]:
        return [{"id": kind, "title": self._t(title)} for kind, title in consultations.ANSWER_TITLES.items()]

    def default_deadline(self) -> str:
        return drafting.default_deadline()

    def timezone(self) -> str:
        return str(drafting.portal_timezone())

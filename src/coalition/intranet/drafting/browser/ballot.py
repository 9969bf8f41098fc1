"""The ballot page and the form that starts a ballot on a working document.

Thin views: they read the request, call ``drafting.api`` (which checks every rule and permission
again) and render. Refusals come back as status messages; a refused act changes nothing.
"""

from coalition.intranet import _
from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting.document import IWorkingDocument
from coalition.intranet.errors import show_error
from coalition.intranet.workspaces.api import display_name
from datetime import datetime
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.app.textfield.value import RichTextValue
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
import transaction
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import alsoProvides


class _Messages:
    def _say(self, message, kind="info") -> None:
        IStatusMessage(self.request).add(translate(message, context=self.request), kind)

    def _t(self, message) -> str:
        return translate(message, context=self.request)

    def authenticator(self) -> str:
        return createToken()


class BallotView(BrowserView, _Messages):
    """The ballot: question, voted text, rules, who may vote, the voting form, participation, result."""

    index = ViewPageTemplateFile("templates/ballot.pt")

    def __call__(self):
        if self.request.method == "POST":
            self.request.response.redirect(self.handle_post() or self.context.absolute_url())
            return ""
        if drafting.close_if_due(self.context) is True:
            # Closing at the deadline is the system's act on first access, not the visitor's request.
            alsoProvides(self.request, IDisableCSRFProtection)
        return self.index()

    def handle_post(self) -> str | None:
        """Do the submitted act; return where to go next when it is not this ballot."""
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            if "form.buttons.vote" in form:
                drafting.cast_vote(
                    self.context,
                    form.get("option", ""),
                    form.get("statement", ""),
                    organisation_id=form.get("organisation") or None,
                    replace=bool(form.get("replace")),
                )
                self._say(
                    _(
                        "ballot_msg_voted",
                        default="Your organisation's vote has been recorded. You can change it until the deadline.",
                    )
                )
            elif "form.buttons.close" in form:
                result = drafting.close_ballot(self.context)
                self._say(
                    _(
                        "ballot_msg_closed",
                        default="The ballot is closed: ${outcome}.",
                        mapping={"outcome": self._t(drafting.OUTCOME_TITLES[result["outcome"]])},
                    )
                )
            elif "form.buttons.extend" in form:
                drafting.extend_ballot(self.context, drafting.parse_deadline(form.get("deadline", "")))
                self._say(_("ballot_msg_extended", default="The deadline has been moved."))
            elif "form.buttons.keep" in form:
                drafting.keep_ballot(self.context, form.get("keep_reason", ""))
                self._say(_("ballot_msg_kept", default="Recorded: the vote continues on the original version."))
            elif "form.buttons.restart" in form:
                new = drafting.restart_ballot(self.context)
                self._say(
                    _(
                        "ballot_msg_restarted",
                        default="A new ballot on the newer version has been opened; this one is closed as superseded.",
                    )
                )
                return new.absolute_url()
        except drafting.BallotError as error:
            transaction.doom()
            show_error(self.request, error)
        except Unauthorized:
            transaction.doom()
            self._say(_("ballot_error_not_allowed", default="You are not allowed to do this."), "error")

    # Reading

    @property
    def closed(self) -> bool:
        return drafting.is_closed(self.context)

    def document(self):
        return drafting.document_of(self.context)

    def document_link(self) -> dict:
        """Title and address of what is voted on, and whether the reader may open it (not on its roster:
        the ballot still shows the voted text)."""
        document = self.document()
        return {
            "title": document.Title(),
            "url": document.absolute_url(),
            "viewable": bool(api.user.has_permission("View", obj=document)),
        }

    def changes(self) -> list[str]:
        """What changed since the ballot opened, named for the reader."""
        titles = {
            drafting.TEXT: _("ballot_change_text", default="The text of the document has a newer version."),
            drafting.CRITERIA: _("ballot_change_criteria", default="The criteria of the definition were edited."),
        }
        return [self._t(titles[change]) for change in drafting.subject_changes(self.context)]

    def held(self) -> bool:
        """Past the deadline but still open: the subject changed and a coordinator must decide first."""
        return not self.closed and drafting.deadline_passed(self.context) and drafting.text_changed(self.context)

    def criteria(self) -> list[dict]:
        """The criteria snapshot adoption will freeze (definition ballots only), in the reader's language."""
        snapshot = getattr(self.context, "criteria_snapshot", None) or ()
        language = api.portal.get_current_language()[:2]
        return [
            {
                "id": item["id"],
                "title": item["title"].get(language) or item["title"].get("en", ""),
                "explanation": item["explanation"].get(language) or item["explanation"].get("en", ""),
            }
            for item in snapshot
        ]

    def consultation(self) -> list[dict]:
        """The comments of the consultation that preceded the ballot, with the drafters' answers."""
        record = getattr(self.context, "consultation_record", None)
        if not record:
            return []
        titles = drafting.eligible_titles(self.context)
        answers = drafting.CONSULTATION_ANSWER_TITLES
        return [
            {
                "organisation": titles.get(c["organisation"], c["organisation"]),
                "text": c["text"],
                "passage": c["passage"],
                "answer": self._t(answers[c["answer"]["kind"]]) if c["answer"] else "",
                "reason": c["answer"]["reason"] if c["answer"] else "",
            }
            for c in record["comments"]
        ]

    def consultation_url(self) -> str:
        uid = self.context.document_uid
        return f"{api.portal.get().absolute_url()}/@@consultation?document={uid}"

    def voters(self) -> dict[str, str]:
        return {org_id: display_name(user_id) for org_id, user_id in drafting.voters(self.context).items()}

    def vote_history(self) -> list[dict]:
        titles = drafting.eligible_titles(self.context)
        return [
            {
                "organisation": titles.get(entry["organisation"], entry["organisation"]),
                "replaced": display_name(entry["replaced"]),
                "by": display_name(entry["by"]),
                "when": drafting.format_deadline(datetime.fromisoformat(entry["when"])),
            }
            for entry in drafting.vote_history(self.context)
        ]

    def decision(self) -> dict | None:
        decision = self.context.text_decision
        if not decision:
            return None
        return dict(decision, by_name=display_name(decision.get("by", "")))

    def deadline(self) -> str:
        return drafting.format_deadline(self.context.deadline)

    def majority_title(self) -> str:
        return self._t(drafting.MAJORITY_TITLES[self.context.majority])

    def text_changed(self) -> bool:
        return not self.closed and drafting.text_changed(self.context)

    def text_decision(self):
        return self.context.text_decision

    def may_close(self) -> bool:
        return drafting.may_close(self.context)

    def eligible(self) -> list[dict]:
        voters = self.voters()
        return [
            {"id": org_id, "title": title, "voted": org_id in voters, "voter": voters.get(org_id, "")}
            for org_id, title in self.context.eligible_titles
        ]

    def participation_count(self) -> int:
        return len(drafting.participation(self.context))

    def my_organisations(self) -> list[dict]:
        """The organisations the current user votes for, with their current vote (their own only)."""
        if self.closed or drafting.deadline_passed(self.context):
            return []
        titles = drafting.eligible_titles(self.context)
        found = []
        me = api.user.get_current().getId()
        voters = drafting.voters(self.context)
        for org_id in drafting.represented_organisations(self.context):
            vote = drafting.own_vote(self.context, org_id)
            found.append(
                {
                    "id": org_id,
                    "voter": display_name(voters[org_id]) if org_id in voters else "",
                    "by_colleague": org_id in voters and voters[org_id] != me,
                    "title": titles.get(org_id, org_id),
                    "option": vote.option if vote else "",
                    "option_title": self._t(drafting.OPTION_TITLES[vote.option]) if vote else "",
                    "statement": vote.statement if vote else "",
                }
            )
        return found

    def options(self) -> list[dict]:
        return [{"id": option, "title": self._t(drafting.OPTION_TITLES[option])} for option in drafting.OPTIONS]

    def result(self) -> dict | None:
        result = drafting.result_of(self.context)
        if result is None:
            return None
        titles = drafting.eligible_titles(self.context)
        result["outcome_title"] = self._t(drafting.OUTCOME_TITLES[result["outcome"]])
        result["closed_display"] = drafting.format_deadline(datetime.fromisoformat(result["closed"]))
        result["approving_titles"] = [titles.get(o, o) for o in result["approving"]]
        return result

    def open_votes(self) -> list[dict]:
        titles = drafting.eligible_titles(self.context)
        return [
            {
                "title": titles.get(vote.organisation, vote.organisation),
                "voter": display_name(vote.voter),
                "option_title": self._t(drafting.OPTION_TITLES[vote.option]),
                "statement": vote.statement,
            }
            for vote in drafting.open_votes(self.context)
        ]

    def anonymous_statements(self) -> list[str]:
        return drafting.anonymous_statements(self.context)


class StartBallotForm(BrowserView, _Messages):
    """``@@start-ballot`` on a working document: coordinators put one version of it to the vote."""

    index = ViewPageTemplateFile("templates/start_ballot.pt")
    document_uid = ""

    @property
    def document(self):
        return self.context

    def document_title(self) -> str:
        return self.document.Title()

    def action_url(self) -> str:
        return f"{self.context.absolute_url()}/@@{self.__name__}"

    def __call__(self):
        if not IWorkingDocument.providedBy(self.document):
            raise NotFound("start-ballot")
        if not drafting.may_start_ballot(self.document):
            raise Unauthorized("Only coordinators start drafting.")
        self.values = dict(self.request.form)
        return self.start_or_show()

    def start_or_show(self):
        """Start the ballot on a submitted form and go to it; otherwise (or when refused) show the form."""
        if self.request.method == "POST" and "form.buttons.start" in self.request.form:
            CheckAuthenticator(self.request)
            ballot = self.start()
            if ballot is not None:
                self._say(
                    _(
                        "ballot_msg_started",
                        default="The ballot is open. The representatives of the member organisations can vote now.",
                    )
                )
                self.request.response.redirect(ballot.absolute_url())
                return ""
        return self.index()

    def start(self):
        form = self.request.form
        try:
            deadline = drafting.parse_deadline(form.get("deadline", ""))
            version = form.get("version", "")
            return drafting.start_ballot(
                self.document,
                title=form.get("title", ""),
                question=form.get("question", ""),
                deadline=deadline,
                quorum=form.get("quorum", ""),
                majority=form.get("majority", ""),
                secret=bool(form.get("secret")),
                version=int(version) if version.isdigit() else None,
                consultation=RichTextValue(form["consultation"], "text/plain", "text/x-html-safe")
                if form.get("consultation", "").strip()
                else None,
            )
        except drafting.BallotError as error:
            transaction.doom()
            show_error(self.request, error)
            return None

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def default_deadline(self) -> str:
        return drafting.default_deadline()

    def timezone(self) -> str:
        return str(drafting.portal_timezone())

    def versions(self) -> list[dict]:
        """The saved versions of the document, newest first (the current one preselected)."""
        repository = api.portal.get_tool("portal_repository")
        current = drafting.current_version(self.document)
        found = []
        # Ballot managers need not be on the document's roster to choose the version put to the vote.
        with api.env.adopt_roles(["Manager"]):
            history = repository.getHistoryMetadata(self.document)
        if history:
            for index in range(history.getLength(countPurged=False)):
                meta = history.retrieve(index, countPurged=False)["metadata"]["sys_metadata"]
                found.append(
                    {
                        "id": index,
                        "when": datetime.fromtimestamp(meta["timestamp"]).strftime("%Y-%m-%d %H:%M"),
                        "comment": meta.get("comment", ""),
                        "current": index == current,
                    }
                )
        return list(reversed(found))

    def quorums(self) -> tuple:
        return drafting.QUORUMS

    def majorities(self) -> list[dict]:
        return [{"id": key, "title": self._t(title)} for key, title in drafting.MAJORITY_TITLES.items()]


class BallotsViewlet(ViewletBase):
    """The ballots on a working document, below its text, with a button for coordinators to start one."""

    index = ViewPageTemplateFile("templates/ballots_viewlet.pt")

    def available(self) -> bool:
        return IWorkingDocument.providedBy(self.context)

    def update(self):
        super().update()
        self.items = []
        if not self.available():
            return
        for ballot in drafting.ballots_of(self.context):
            result = drafting.result_of(ballot)
            self.items.append(
                {
                    "title": ballot.Title(),
                    "url": ballot.absolute_url(),
                    "closed": result is not None,
                    "outcome": translate(drafting.OUTCOME_TITLES[result["outcome"]], context=self.request)
                    if result
                    else "",
                    "deadline": drafting.format_deadline(ballot.deadline),
                    "version": ballot.document_version,
                }
            )

    def may_start(self) -> bool:
        return drafting.may_start_ballot(self.context)

    def render(self):
        if not self.available():
            return ""
        return self.index()

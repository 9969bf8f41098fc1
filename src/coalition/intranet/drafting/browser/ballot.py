"""The ballot page and the form that starts a ballot on a working document.

Thin views: they read the request, call ``drafting.ballots`` (which checks every rule and permission
again) and render. Refusals come back as status messages; a refused act changes nothing.
"""

from coalition.intranet import _
from coalition.intranet.drafting import ballots
from coalition.intranet.drafting import tally
from datetime import datetime
from datetime import timedelta
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
from zoneinfo import ZoneInfo
from zope.i18n import translate
from zope.interface import alsoProvides


def portal_timezone() -> ZoneInfo:
    """The site's time zone (Site settings), in which deadlines are entered and shown."""
    name = api.portal.get_registry_record("plone.portal_timezone", default=None) or "UTC"
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def parse_deadline(value: str) -> datetime:
    """A deadline entered in a ``datetime-local`` field, in the site's time zone."""
    try:
        naive = datetime.strptime((value or "").strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        raise ballots.BallotError(
            _("ballot_error_deadline_format", default="Enter the deadline as a date and a time.")
        ) from None
    return naive.replace(tzinfo=portal_timezone())


def default_deadline() -> str:
    """Two weeks from now, 18:00, as a ``datetime-local`` value."""
    return (datetime.now(portal_timezone()) + timedelta(days=14)).strftime("%Y-%m-%dT18:00")


def format_when(value: datetime) -> str:
    zone = portal_timezone()
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M ") + str(zone)


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
        if ballots.close_if_due(self.context) is True:
            # Closing at the deadline is the system's act on first access, not the visitor's request.
            alsoProvides(self.request, IDisableCSRFProtection)
        return self.index()

    def handle_post(self) -> str | None:
        """Do the submitted act; return where to go next when it is not this ballot."""
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            if "form.buttons.vote" in form:
                ballots.cast_vote(
                    self.context,
                    form.get("option", ""),
                    form.get("statement", ""),
                    organisation_id=form.get("organisation") or None,
                )
                self._say(
                    _(
                        "ballot_msg_voted",
                        default="Your organisation's vote has been recorded. You can change it until the deadline.",
                    )
                )
            elif "form.buttons.close" in form:
                result = ballots.close_ballot(self.context)
                self._say(
                    _(
                        "ballot_msg_closed",
                        default="The ballot is closed: ${outcome}.",
                        mapping={"outcome": self._t(ballots.OUTCOME_TITLES[result["outcome"]])},
                    )
                )
            elif "form.buttons.keep" in form:
                ballots.keep_ballot(self.context)
                self._say(_("ballot_msg_kept", default="Recorded: the vote continues on the original version."))
            elif "form.buttons.restart" in form:
                new = ballots.restart_ballot(self.context)
                self._say(
                    _(
                        "ballot_msg_restarted",
                        default="A new ballot on the newer version has been opened; this one is closed as superseded.",
                    )
                )
                return new.absolute_url()
        except ballots.BallotError as error:
            transaction.doom()
            self._say(error.message, "error")
        except Unauthorized:
            transaction.doom()
            self._say(_("ballot_error_not_allowed", default="You are not allowed to do this."), "error")

    # Reading

    @property
    def closed(self) -> bool:
        return ballots.is_closed(self.context)

    def document(self):
        return ballots.document_of(self.context)

    def deadline(self) -> str:
        return format_when(ballots._aware(self.context.deadline))

    def majority_title(self) -> str:
        return self._t(ballots.MAJORITY_TITLES[self.context.majority])

    def text_changed(self) -> bool:
        return not self.closed and ballots.text_changed(self.context)

    def text_decision(self):
        return self.context.text_decision

    def may_close(self) -> bool:
        return ballots.may_close(self.context)

    def eligible(self) -> list[dict]:
        voted = set(ballots.participation(self.context))
        return [
            {"id": org_id, "title": title, "voted": org_id in voted} for org_id, title in self.context.eligible_titles
        ]

    def participation_count(self) -> int:
        return len(ballots.participation(self.context))

    def my_organisations(self) -> list[dict]:
        """The organisations the current user votes for, with their current vote (their own only)."""
        if self.closed or ballots.deadline_passed(self.context):
            return []
        titles = ballots.eligible_titles(self.context)
        found = []
        for org_id in ballots.represented_organisations(self.context):
            vote = ballots.own_vote(self.context, org_id)
            found.append(
                {
                    "id": org_id,
                    "title": titles.get(org_id, org_id),
                    "option": vote.option if vote else "",
                    "option_title": self._t(ballots.OPTION_TITLES[vote.option]) if vote else "",
                    "statement": vote.statement if vote else "",
                }
            )
        return found

    def options(self) -> list[dict]:
        return [{"id": option, "title": self._t(ballots.OPTION_TITLES[option])} for option in tally.OPTIONS]

    def result(self) -> dict | None:
        result = ballots.result_of(self.context)
        if result is None:
            return None
        titles = ballots.eligible_titles(self.context)
        result["outcome_title"] = self._t(ballots.OUTCOME_TITLES[result["outcome"]])
        result["closed_display"] = format_when(datetime.fromisoformat(result["closed"]))
        result["approving_titles"] = [titles.get(o, o) for o in result["approving"]]
        return result

    def open_votes(self) -> list[dict]:
        titles = ballots.eligible_titles(self.context)
        return [
            {
                "title": titles.get(vote.organisation, vote.organisation),
                "option_title": self._t(ballots.OPTION_TITLES[vote.option]),
                "statement": vote.statement,
            }
            for vote in ballots.open_votes(self.context)
        ]

    def anonymous_statements(self) -> list[str]:
        return ballots.anonymous_statements(self.context)


class StartBallotForm(BrowserView, _Messages):
    """``@@start-ballot`` on a working document: coordinators put one version of it to the vote."""

    index = ViewPageTemplateFile("templates/start_ballot.pt")

    def __call__(self):
        if getattr(self.context, "portal_type", None) != ballots.DOCUMENT_TYPE:
            raise NotFound("start-ballot")
        if not ballots.may_start_ballot(self.context):
            raise Unauthorized("Only coordinators start ballots.")
        self.values = dict(self.request.form)
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
            deadline = self.parse_deadline(form.get("deadline", ""))
            version = form.get("version", "")
            return ballots.start_ballot(
                self.context,
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
        except ballots.BallotError as error:
            transaction.doom()
            self._say(error.message, "error")
            return None

    def parse_deadline(self, value: str) -> datetime:
        return parse_deadline(value)

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def default_deadline(self) -> str:
        return default_deadline()

    def timezone(self) -> str:
        return str(portal_timezone())

    def versions(self) -> list[dict]:
        """The saved versions of the document, newest first (the current one preselected)."""
        repository = api.portal.get_tool("portal_repository")
        current = ballots.current_version(self.context)
        found = []
        history = repository.getHistoryMetadata(self.context)
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
        return tally.QUORUMS

    def majorities(self) -> list[dict]:
        return [{"id": key, "title": self._t(title)} for key, title in ballots.MAJORITY_TITLES.items()]


class BallotsViewlet(ViewletBase):
    """The ballots on a working document, below its text, with a button for coordinators to start one."""

    index = ViewPageTemplateFile("templates/ballots_viewlet.pt")

    def available(self) -> bool:
        return getattr(self.context, "portal_type", None) == ballots.DOCUMENT_TYPE

    def update(self):
        super().update()
        self.items = []
        if not self.available():
            return
        for ballot in ballots.ballots_of(self.context):
            result = ballots.result_of(ballot)
            self.items.append(
                {
                    "title": ballot.Title(),
                    "url": ballot.absolute_url(),
                    "closed": result is not None,
                    "outcome": translate(ballots.OUTCOME_TITLES[result["outcome"]], context=self.request)
                    if result
                    else "",
                    "deadline": format_when(ballots._aware(ballot.deadline)),
                    "version": ballot.document_version,
                }
            )

    def may_start(self) -> bool:
        return ballots.may_start_ballot(self.context)

    def render(self):
        if not self.available():
            return ""
        return self.index()

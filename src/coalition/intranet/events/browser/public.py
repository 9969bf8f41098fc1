"""The public side of events: the calendar of a language, the event page, registration by visitors."""

from coalition.intranet import _
from coalition.intranet.batching import batch_start
from coalition.intranet.errors import CoalitionError
from coalition.intranet.errors import error_texts
from coalition.intranet.events import listing
from coalition.intranet.events import registration
from coalition.intranet.events.display import kind_label
from coalition.intranet.events.display import month_label
from coalition.intranet.events.display import place_text
from coalition.intranet.events.display import when_text
from coalition.intranet.events.vocabularies import country_name
from coalition.intranet.events.vocabularies import KINDS
from coalition.intranet.notifications.api import MailNotConfigured
from coalition.intranet.security import api as audit
from coalition.intranet.signups import api as signups
from coalition.intranet.spreadsheets import csv_safe
from coalition.intranet.workspaces.directory import member_organisations
import csv
import io
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.interfaces import ITG
from plone.base.interfaces import ILanguage
from plone.batching import Batch
from plone.event.interfaces import IEventAccessor
from plone.memoize.instance import memoize
from plone.protect.authenticator import check as check_authenticator
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides


BATCH_SIZE = 20
MANAGE_REGISTRATIONS = "coalition: Manage event registrations"
FILTER_HEADINGS = {
    "kind": _("events_filter_kind", default="Kind of event"),
    "country": _("events_filter_country", default="Country"),
    "city": _("events_filter_city", default="City"),
}


def hide_portlet_columns(request) -> None:
    """The calendar and the event page have their own columns; portlets (a navigation tree of every event,
    Plone's events portlet) would repeat and squeeze them."""
    request.set("disable_plone.leftcolumn", True)
    request.set("disable_plone.rightcolumn", True)


def language_of(context) -> str:
    return ILanguage(context).get_language() or api.portal.get_default_language()


def event_card(event, language: str) -> dict:
    """What the calendar and the profiles show of one event."""
    accessor = IEventAccessor(event)
    return {
        "title": event.Title(),
        "url": event.absolute_url(),
        "description": event.Description(),
        "when": when_text(event, language),
        "start_iso": accessor.start.isoformat() if accessor.start else "",
        "place": place_text(event, language),
        "online": bool(getattr(event, "online_link", None)),
        "kind": kind_label(getattr(event, "event_kind", None), language),
        "has_report": bool(getattr(event, "report", None) and event.report.raw.strip()),
        "image": event.absolute_url() + "/@@images/image/preview" if getattr(event, "image", None) else None,
    }


class EventsCalendarView(BrowserView):
    """Layout of ``/<lang>/events``: upcoming (or past) events by month, filters, batches, the .ics link."""

    def __call__(self):
        if not listing.is_events_folder(self.context):
            raise NotFound("The calendar belongs to the events section of a language.")
        self.language = language_of(self.context)
        form = self.request.form
        self.when = listing.PAST if form.get("show") == listing.PAST else listing.UPCOMING
        self.filters = {name: str(form.get(name) or "").strip() for name in listing.FILTERS}
        self.filters = {name: value for name, value in self.filters.items() if value}
        hide_portlet_columns(self.request)
        return self.index()

    @memoize
    def results(self):
        return listing.search(self.language, self.when, **self.filters)

    @memoize
    def batch(self):
        return Batch(self.results(), BATCH_SIZE, batch_start(self.request.form))

    def months(self) -> list[dict]:
        """The events of this batch grouped by the month they (next) start in."""
        groups = []
        for brain in self.batch():
            event = brain.getObject()
            start = IEventAccessor(event).start
            key = (start.year, start.month)
            if not groups or groups[-1]["key"] != key:
                groups.append({"key": key, "label": month_label(*key, self.language), "events": []})
            groups[-1]["events"].append(event_card(event, self.language))
        return groups

    def url(self, **changes) -> str:
        """This page with the given parameters changed (None removes one); a filter change restarts batching."""
        params = {"show": self.when if self.when == listing.PAST else None, **self.filters}
        params.update(changes)
        params = {key: value for key, value in params.items() if value}
        query = urlencode(params)
        return f"{self.context.absolute_url()}{'?' + query if query else ''}"

    @memoize
    def filter_options(self) -> dict:
        """Values of the filters among the events of this tab (so every link finds something)."""
        brains = listing.search(self.language, self.when)
        countries = sorted({b.event_country for b in brains if b.event_country})
        cities = sorted({b.event_city for b in brains if b.event_city})
        kinds = [code for code in KINDS if any(b.event_kind == code for b in brains)]
        return {
            "kind": [(code, kind_label(code, self.language)) for code in kinds],
            "country": [(code, country_name(code, self.language)) for code in countries],
            "city": [(city, city) for city in cities],
        }

    def filter_groups(self) -> list[dict]:
        """The filters with their links; choosing a chosen value again removes it."""
        groups = []
        for name, options in self.filter_options().items():
            if not options:
                continue
            chosen = self.filters.get(name)
            groups.append(
                {
                    "name": name,
                    "heading": FILTER_HEADINGS[name],
                    "options": [
                        {
                            "title": title,
                            "active": chosen == code,
                            "url": self.url(**{name: None if chosen == code else code, "b_start": None}),
                        }
                        for code, title in options
                    ],
                }
            )
        return groups

    def ics_url(self) -> str:
        return f"{self.context.absolute_url()}/@@events.ics"

    def webcal_url(self) -> str:
        return "webcal://" + self.ics_url().split("://", 1)[-1]


class EventView(BrowserView):
    """The public event page (``event_view`` of an event with the coalition's details)."""

    def __call__(self):
        hide_portlet_columns(self.request)
        return self.index()

    @memoize
    def language(self) -> str:
        return language_of(self.context)

    def when(self) -> str:
        return when_text(self.context, self.language())

    def place(self) -> str:
        return place_text(self.context, self.language())

    def kind(self) -> str:
        return kind_label(getattr(self.context, "event_kind", None), self.language())

    def recurrence_note(self) -> bool:
        return bool(getattr(self.context, "recurrence", None))

    def organisers(self) -> list[dict]:
        chosen = set(getattr(self.context, "organisers", None) or ())
        return [entry for entry in member_organisations(self.language()) if entry["id"] in chosen]

    def _linked(self, portal_type: str, groups) -> list[dict]:
        """Linked items in the page's language that the reader may view (nothing retracted or drafted)."""
        if not groups:
            return []
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.searchResults(
            portal_type=portal_type,
            TranslationGroup=list(groups),
            Language=self.language(),
            review_state="published",
            sort_on="sortable_title",
        )
        return [{"title": brain.Title, "url": brain.getURL()} for brain in brains]

    def prisoners(self) -> list[dict]:
        return self._linked("PrisonerProfile", getattr(self.context, "prisoners", None))

    def campaigns(self) -> list[dict]:
        return self._linked("Campaign", getattr(self.context, "campaigns", None))

    def report(self):
        report = getattr(self.context, "report", None)
        return report.output if report is not None and report.raw.strip() else None

    def text(self):
        text = getattr(self.context, "text", None)
        return text.output if text is not None and text.raw.strip() else None

    # Registration

    def takes_registrations(self) -> bool:
        return registration.accepts_registrations(self.context)

    def capacity(self):
        return registration.capacity(self.context)

    def free_places(self) -> int:
        return registration.free_places(self.context)

    def max_people(self) -> int:
        return min(registration.MAX_PEOPLE, self.capacity() or 1)

    def may_manage_registrations(self) -> bool:
        return bool(self.capacity()) and api.user.has_permission(MANAGE_REGISTRATIONS, obj=self.context)

    def ics_url(self) -> str:
        return f"{self.context.absolute_url()}/ics_view"

    def calendar_url(self) -> str:
        folder = listing.events_folder(self.language())
        return folder.absolute_url() if folder is not None else ""


class RegistrationMessage(BrowserView):
    """A page with one message after a visitor's action (no redirect: the answer belongs to this request)."""

    message_template = ViewPageTemplateFile("templates/registration_message.pt")

    def answer(self, messages, kind: str = "info", form: dict | None = None):
        self.messages = [translate(message, context=self.request) for message in messages]
        self.kind = kind
        self.form = form
        return self.message_template()


class RegisterView(RegistrationMessage):
    """``@@event-register`` (POST): the visitor's registration, guarded like every public form."""

    def __call__(self):
        form = self.request.form
        try:
            signups.check_public_post(self.request, "event-registration")
            registration.register(
                self.context,
                form.get("name", ""),
                form.get("email", ""),
                form.get("people", ""),
                language_of(self.context),
            )
        except CoalitionError as error:
            self.request.response.setStatus(400)
            return self.answer(error_texts(self.request, error), "danger")
        except MailNotConfigured:
            self.request.response.setStatus(503)
            return self.answer(
                [_("registration_error_mail", default="Registration is not possible right now. Please try later.")],
                "danger",
            )
        return self.answer(
            [
                _(
                    "registration_check_mail",
                    default="Thank you. We sent you an e-mail: please open the link in it to confirm your "
                    "registration. Without confirmation no place is held.",
                )
            ],
            "success",
        )


class _TokenAction(RegistrationMessage):
    """A link from a registration mail: GET shows a button, POST (with the page's authenticator) acts, so a
    mail scanner that opens links changes nothing."""

    purpose = ""
    question = None
    button = None

    def __call__(self):
        token = self.request.form.get("token", "")
        if isinstance(token, list):  # in the query string and in the form
            token = token[0] if token else ""
        try:
            entry = registration.check_token(self.context, token, self.purpose)
            if self.request.get("REQUEST_METHOD") != "POST":
                form = {
                    "token": token,
                    "button": self.button,
                    "action": f"{self.context.absolute_url()}/@@{self.__name__}",
                }
                return self.answer([self.question], "info", form=form)
            try:
                check_authenticator(self.request)
            except Forbidden:
                raise registration.RegistrationRefused(
                    _(
                        "signup_error_csrf",
                        default="The form has expired or did not come from this site. Please reload the page "
                        "and send it again.",
                    )
                ) from None
            return self.act(token, entry)
        except CoalitionError as error:
            self.request.response.setStatus(400)
            return self.answer(error_texts(self.request, error), "danger")


class ConfirmView(_TokenAction):
    purpose = registration.CONFIRM
    question = _("registration_confirm_question", default="Please confirm your registration with the button.")
    button = _("registration_confirm_button", default="Confirm my registration")

    def act(self, token, entry):
        entry, changed = registration.confirm(self.context, token)
        if not changed:
            return self.answer(
                [
                    _(
                        "registration_already_confirmed",
                        default="Your registration was already confirmed. Nothing changed.",
                    )
                ]
            )
        if entry.status == registration.WAITING:
            return self.answer(
                [
                    _(
                        "registration_now_waiting",
                        default="The event is fully booked: you are on the waiting list. We write to you when a "
                        "place becomes free.",
                    )
                ],
                "warning",
            )
        return self.answer(
            [_("registration_now_confirmed", default="Your place is confirmed. We sent you a mail with the details.")],
            "success",
        )


class CancelView(_TokenAction):
    purpose = registration.CANCEL
    question = _("registration_cancel_question", default="Do you want to cancel your registration?")
    button = _("registration_cancel_button", default="Cancel my registration")

    def act(self, token, entry):
        _entry, changed = registration.cancel(self.context, token)
        if not changed:
            return self.answer(
                [_("registration_already_cancelled", default="This registration was already cancelled.")]
            )
        return self.answer(
            [_("registration_cancelled", default="Your registration is cancelled. Thank you for telling us.")],
            "success",
        )


def registrations_csv(request, event, target) -> str:
    """The registrations of ``event`` as CSV; the export of personal data is audited on ``target``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in registration.csv_rows(event):
        writer.writerow([csv_safe(cell) for cell in row])
    # The export is a GET (a download link); its only write is this audit entry, which plone.protect would
    # otherwise roll back as an unprotected write.
    alsoProvides(request, IDisableCSRFProtection)
    audit.record("event.registrations_exported", target, count=str(len(registration.registrations(event))))
    request.response.setHeader("Content-Type", "text/csv; charset=utf-8")
    request.response.setHeader("Content-Disposition", f'attachment; filename="{event.getId()}-registrations.csv"')
    request.response.setHeader("Cache-Control", "private, no-store")
    return buffer.getvalue()


class RegistrationsView(BrowserView):
    """The organisers' list of registrations of an event (``@@event-registrations``, and on a plan)."""

    def event(self):
        return self.context

    def entries(self) -> list[dict]:
        labels = {
            registration.PENDING: _("registration_status_pending", default="Not yet confirmed"),
            registration.CONFIRMED: _("registration_status_confirmed", default="Confirmed"),
            registration.WAITING: _("registration_status_waiting", default="Waiting list"),
            registration.CANCELLED: _("registration_status_cancelled", default="Cancelled"),
        }
        return [
            {
                "name": entry.name,
                "email": entry.email,
                "people": entry.people,
                "status": labels[entry.status],
                "status_code": entry.status,
                "registered": entry.created.strftime("%Y-%m-%d %H:%M"),
            }
            for entry in registration.registrations(self.event())
        ]

    def summary(self) -> dict:
        event = self.event()
        return {
            "capacity": registration.capacity(event) or 0,
            "taken": registration.taken(event),
            "free": registration.free_places(event),
            "waiting": sum(entry.people for entry in registration.waiting_list(event)),
        }

    def csv_url(self) -> str:
        return f"{self.context.absolute_url()}/@@{self.__name__}.csv"

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        return self.index()


class RegistrationsCSV(BrowserView):
    def __call__(self):
        return registrations_csv(self.request, self.context, self.context)


class PrisonerEventsViewlet(ViewletBase):
    """On a prisoner's profile: the upcoming events supporting them, and the calendar to subscribe to."""

    index = ViewPageTemplateFile("templates/prisoner_events.pt")

    def update(self):
        super().update()
        self.language = language_of(self.context)
        group = ITG(self.context, None)
        brains = listing.search(self.language, listing.UPCOMING, prisoner_group=group) if group else []
        self.events = [event_card(brain.getObject(), self.language) for brain in brains[:5]]
        self.ics_url = f"{self.context.absolute_url()}/@@events.ics"

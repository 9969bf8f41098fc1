"""The working group's side: the plan page, the act of publication, the plan's registrations, key dates."""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.errors import show_error
from coalition.intranet.events import publication
from coalition.intranet.events import registration
from coalition.intranet.events.browser.public import hide_portlet_columns
from coalition.intranet.events.browser.public import registrations_csv
from coalition.intranet.events.browser.public import RegistrationsView
from coalition.intranet.events.display import kind_label
from coalition.intranet.events.display import place_text
from coalition.intranet.events.vocabularies import KINDS
from coalition.intranet.public.languages.translations import native_name
from coalition.intranet.site.api import site_languages
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from html import escape
from plone import api
from plone.memoize.instance import memoize
from plone.protect.authenticator import check as check_authenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import NotFound
from zope.i18n import translate


class PlanView(BrowserView):
    """The plan page: public part (what the act would copy), private planning, files, publication state."""

    def __call__(self):
        hide_portlet_columns(self.request)
        return self.index()

    @memoize
    def event(self):
        return publication.published_event(self.context)

    def is_published(self) -> bool:
        return publication.is_published(self.context)

    def may_publish(self) -> bool:
        return api.user.has_permission(publication.PUBLISH, obj=self.context)

    preview_template = ViewPageTemplateFile("templates/plan_preview.pt")

    @memoize
    def preview(self) -> dict:
        return plan_preview(self.context)

    def preview_html(self) -> str:
        return self.preview_template(preview=self.preview())

    def publish_button(self):
        if self.is_published():
            return _("publish_event_update", default="Update the public event")
        return _("publish_event_button", default="Publish the event")

    def files(self) -> list:
        return [
            {"title": item.Title(), "url": item.absolute_url(), "type": item.portal_type}
            for item in self.context.contentValues()
        ]

    def tasks(self) -> list[str]:
        return [line.strip() for line in (self.context.tasks or "").splitlines() if line.strip()]

    def notes(self):
        notes = getattr(self.context, "notes", None)
        return notes.output if notes is not None and notes.raw.strip() else None

    def registration_summary(self):
        event = self.event()
        if event is None or not registration.capacity(event):
            return None
        return {"taken": registration.taken(event), "capacity": registration.capacity(event)}


def plan_preview(plan) -> dict:
    """Exactly what the act would publish, for people to check before they act; or the problems."""
    try:
        data = publication.public_data(plan)
    except CoalitionError as error:
        return {"problems": error.messages}
    event_like = type("Preview", (), {})()
    for key in ("venue", "city", "country"):
        setattr(event_like, key, data.get(key))
    prisoners = _titles("PrisonerProfile", data["prisoners"])
    return {
        "problems": [],
        "title": data["title"],
        "kind": kind_label(data["event_kind"], DEFAULT_LANGUAGE),
        "start": data["start"].strftime("%Y-%m-%d %H:%M"),
        "end": data["end"].strftime("%Y-%m-%d %H:%M"),
        "timezone": data["start"].tzinfo.zone,
        "whole_day": data["whole_day"],
        "recurrence": data["recurrence"],
        "place": place_text(event_like, DEFAULT_LANGUAGE),
        "online_link": data["online_link"],
        "accessibility": data["accessibility"],
        "capacity": data["capacity"],
        "prisoners": prisoners,
        "campaigns": _titles("Campaign", data["campaigns"]),
        "organisers": data["organisers"],
        "has_image": bool(data["image"]),
        "text": data["text"].output if data["text"] is not None else "",
    }


def _titles(portal_type, groups) -> list[str]:
    if not groups:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.searchResults(portal_type=portal_type, TranslationGroup=list(groups), Language=DEFAULT_LANGUAGE)
    return [brain.Title for brain in brains]


class PublishEventView(PlanView):
    """``@@publish-event``: preview, optional translations, and the act (POST); withdrawal too."""

    def __call__(self):
        if not self.may_publish():
            raise Unauthorized("You may not publish this event plan.")
        if self.request.get("REQUEST_METHOD") == "POST":
            check_authenticator(self.request)
            try:
                if "form.buttons.withdraw" in self.request.form:
                    publication.withdraw_event(self.context, self.request.form.get("reason", ""))
                    api.portal.show_message(
                        translate(_("event_withdrawn", default="The event is no longer public."), context=self.request),
                        request=self.request,
                    )
                else:
                    event = publication.publish_event(self.context, self.submitted_translations())
                    api.portal.show_message(
                        translate(
                            _("event_published", default="Published: ${url}", mapping={"url": event.absolute_url()}),
                            context=self.request,
                        ),
                        request=self.request,
                    )
                self.request.response.redirect(self.context.absolute_url())
                return ""
            except CoalitionError as error:
                show_error(self.request, error)
        hide_portlet_columns(self.request)
        return self.index()

    def other_languages(self) -> list[dict]:
        """The translation fields, prefilled from the public event's current translations."""
        event = self.event()
        current = publication.translations_of(event) if event is not None else {}
        rows = []
        for language in site_languages():
            if language == DEFAULT_LANGUAGE:
                continue
            item = current.get(language)
            text = getattr(item, "text", None) if item is not None else None
            rows.append(
                {
                    "language": language,
                    "name": native_name(language),
                    "title": item.Title() if item is not None else "",
                    "text": text.raw if text is not None else "",
                    "accessibility": getattr(item, "accessibility", "") or "" if item is not None else "",
                }
            )
        return rows

    def submitted_translations(self) -> dict:
        form = self.request.form
        found = {}
        for language in site_languages():
            title = (form.get(f"title_{language}") or "").strip()
            if language != DEFAULT_LANGUAGE and title:
                found[language] = {
                    "title": title,
                    "text": "".join(f"<p>{_escape(part)}</p>" for part in _paragraphs(form.get(f"text_{language}"))),
                    "accessibility": form.get(f"accessibility_{language}", ""),
                }
        return found


def _paragraphs(text) -> list[str]:
    return [part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n") if part.strip()]


def _escape(text: str) -> str:
    return escape(text).replace("\n", "<br>")


class PlanRegistrationsView(RegistrationsView):
    """The registrations of the plan's public event, for the working group (``@@plan-registrations``)."""

    def event(self):
        event = publication._unrestricted(getattr(self.context, "published_event_uid", None))
        if event is None:
            raise NotFound("This plan has no public event.")
        return event

    def __call__(self):
        if not api.user.has_permission(publication.PUBLISH, obj=self.context):
            raise Unauthorized("Only the working group reads the registrations.")
        return super().__call__()


class PlanRegistrationsCSV(PlanRegistrationsView):
    def __call__(self):
        if not api.user.has_permission(publication.PUBLISH, obj=self.context):
            raise Unauthorized("Only the working group reads the registrations.")
        return registrations_csv(self.request, self.event(), self.context)


class StartEventPlanView(BrowserView):
    """``/intranet/groups/@@start-event-plan``: the person's working groups where a plan can be started for a
    key date, each a link to the add form with the title, date and kind filled in."""

    def groups(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        found = []
        for brain in catalog.searchResults(portal_type="WorkingGroup", sort_on="sortable_title"):
            group = brain.getObject()
            if api.user.has_permission("coalition: Add EventPlan", obj=group):
                found.append({"title": brain.Title, "url": f"{brain.getURL()}/++add++EventPlan?{self.prefill()}"})
        return found

    def prefill(self) -> str:
        form = self.request.form
        values = {}
        if form.get("title"):
            values["form.widgets.title"] = form["title"]
        if form.get("kind") in KINDS:
            values["form.widgets.event_kind:list"] = form["kind"]
        day = str(form.get("date") or "")[:10]
        if len(day) == 10:
            values["form.widgets.event_start"] = f"{day}T18:00"
            values["form.widgets.event_end"] = f"{day}T21:00"
        return urlencode(values)

    def occasion(self) -> str:
        return self.request.form.get("title", "")

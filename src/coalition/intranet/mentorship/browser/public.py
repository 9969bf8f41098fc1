"""The public mentorship pages of each language: ``/<lang>/mentorship`` (the overview), ``@@mentor/<slug>``,
``@@mentor-photo/<slug>``, ``@@prisoners-seeking-mentor`` (with the offer form), ``@@report-action`` (the
office's link) and ``@@mentorships.csv`` / ``.json``.

Every page shows only the public record (``public_record.py``: whitelisted copies and what acts made
public) and answers 404 anywhere but on a language's ``mentorship`` folder.
"""

from Acquisition import aq_base
from coalition.intranet.batching import batch_start
from coalition.intranet.errors import CoalitionError
from coalition.intranet.errors import error_texts
from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import offers
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship import seeking
from coalition.intranet.mentorship.browser.forms import read_date
from coalition.intranet.mentorship.mails import mail_coordinators_about_offer
from coalition.intranet.mentorship.profiles import translation_in
from coalition.intranet.mentorship.vocabularies import ACTION_KINDS
from coalition.intranet.mentorship.vocabularies import COUNTRIES
from coalition.intranet.mentorship.vocabularies import country_name
from coalition.intranet.mentorship.vocabularies import FUNCTIONS
from coalition.intranet.mentorship.vocabularies import VISIBILITIES
from coalition.intranet.notifications.api import MailNotConfigured
from coalition.intranet.public.facts import format_date
from coalition.intranet.public.facts import label
from coalition.intranet.public.facts import vocabulary
from coalition.intranet.signups import api as signups
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from collections.abc import Sequence
import csv
import io
import json
import logging
from plone import api
from plone.base.interfaces import ILanguage
from plone.batching import Batch
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


logger = logging.getLogger(__name__)
OFFER_FORM = "mentorship-offer"
REPORT_FORM = "mentorship-report"


def section_language(context) -> str | None:
    """The language of ``context`` when it is a language root's ``mentorship`` folder, else None."""
    language = ILanguage(context, None)
    language = language.get_language() if language is not None else None
    if language not in site_languages():
        return None
    folder = language_root(api.portal.get(), language).get(registry.SECTION_ID)
    if folder is None or aq_base(folder) is not aq_base(context):
        return None
    return language


class PublicMentorshipPage(BrowserView):
    def __call__(self):
        self.language = section_language(self.context)
        if self.language is None:
            raise NotFound(self.__name__)
        self.request.set("disable_plone.rightcolumn", True)
        self.update()
        return self.render()

    def update(self) -> None:
        pass

    def render(self):
        return self.index()

    def t(self, message) -> str:
        return translate(message, context=self.request, target_language=self.language)

    def function_label(self, code) -> str:
        return self.t(dict(FUNCTIONS).get(code, code or ""))

    def kind_label(self, code) -> str:
        return self.t(dict(ACTION_KINDS).get(code, code or ""))

    def country(self, code) -> str:
        return country_name(code, self.language)

    def date(self, value) -> str:
        return format_date(value, self.language)

    @memoize
    def section_url(self) -> str:
        return self.context.absolute_url()

    def mentor_url(self, mentor) -> str:
        return f"{self.section_url()}/@@mentor/{mentor.slug}"

    def photo_url(self, mentor) -> str:
        return f"{self.section_url()}/@@mentor-photo/{mentor.slug}"

    def seeking_url(self, **parameters) -> str:
        query = f"?{urlencode(parameters)}" if parameters else ""
        return f"{self.section_url()}/@@prisoners-seeking-mentor{query}"


class OverviewView(PublicMentorshipPage):
    """The mentors grouped by country and by parliament or body, with running counts."""

    @memoize
    def groups(self) -> list[dict]:
        by_country: dict[str, dict[str, list]] = {}
        prisoners = public_record.public_prisoners_by_mentor(self.language)
        for mentor in public_record.public_mentors():
            by_country.setdefault(mentor.country, {}).setdefault(mentor.body, []).append(
                {"mentor": mentor, "prisoners": prisoners.get(mentor.uid, [])}
            )
        groups = []
        for code, bodies in by_country.items():
            body_rows = [
                {"name": body, "mentors": entries, "count": len(entries)} for body, entries in sorted(bodies.items())
            ]
            groups.append(
                {
                    "code": code,
                    "name": self.country(code),
                    "bodies": body_rows,
                    "count": sum(row["count"] for row in body_rows),
                }
            )
        return sorted(groups, key=lambda group: group["name"])

    def mentor_count(self) -> int:
        return sum(group["count"] for group in self.groups())

    def country_count(self) -> int:
        return len(self.groups())

    def seeking_count(self) -> int:
        return seeking.count_seeking(self.language)


@implementer(IPublishTraverse)
class MentorPageView(PublicMentorshipPage):
    """``@@mentor/<slug>``: the mentor's public record in this language."""

    slug = ""

    def publishTraverse(self, request, name):
        if self.slug:
            raise NotFound(name)
        self.slug = name
        return self

    def update(self) -> None:
        self.mentor = public_record.public_mentor_by_slug(self.slug) if self.slug else None
        if self.mentor is None:
            raise NotFound(self.slug or self.__name__)

    def statement(self) -> str:
        return self.mentor.statement(self.language)

    def mentorships(self):
        return public_record.public_mentorships_of_mentor(self.mentor, self.language)


@implementer(IPublishTraverse)
class MentorPhotoView(BrowserView):
    """``@@mentor-photo/<slug>``: the photo copied by the act (re-encoded, no metadata)."""

    slug = ""

    def publishTraverse(self, request, name):
        if self.slug:
            raise NotFound(name)
        self.slug = name
        return self

    def __call__(self):
        if section_language(self.context) is None:
            raise NotFound(self.__name__)
        photo = public_record.public_photo(self.slug) if self.slug else None
        if photo is None:
            raise NotFound(self.slug)
        response = self.request.response
        response.setHeader("Content-Type", photo.contentType)
        response.setHeader("Content-Length", str(photo.getSize()))
        return photo.data


SEEKERS_PER_PAGE = 30
FILTER_INDEXES = {"region": "prisoner_region", "case_categories": "prisoner_categories"}


class LazyProfiles(Sequence):
    """Catalog entries that give their objects only when a page of the batch asks for them."""

    def __init__(self, brains):
        self.brains = brains

    def __len__(self) -> int:
        return len(self.brains)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [brain.getObject() for brain in self.brains[index]]
        return self.brains[index].getObject()


class SeekingView(PublicMentorshipPage):
    """Prisoners seeking a mentor (longest wait first, by region and category) and the office's offer form."""

    sent = False
    errors = ()

    def update(self) -> None:
        self.region = (self.request.form.get("region") or "").strip() or None
        self.category = (self.request.form.get("category") or "").strip() or None
        if self.request.method == "POST":
            self.receive()

    def receive(self) -> None:
        try:
            signups.check_public_post(self.request, OFFER_FORM)
            offer = offers.receive_offer(self.request.form, self.language)
        except CoalitionError as refused:
            self.errors = error_texts(self.request, refused)
            return
        try:
            mail_coordinators_about_offer(offer, api.portal.get().absolute_url())
        except MailNotConfigured:
            logger.warning("An offer to mentor arrived while mail is not configured; it waits on the dashboard.")
        self.sent = True

    @memoize
    def batch(self) -> Batch:
        """This page of the seekers (the list can hold thousands): only its profiles are loaded."""
        brains = seeking.seeking_brains(self.language, region=self.region, category=self.category)
        return Batch(LazyProfiles(brains), SEEKERS_PER_PAGE, batch_start(self.request.form))

    def prisoners(self) -> list:
        return list(self.batch())

    @memoize
    def all_prisoners(self) -> list:
        """The offer form's choice: the prisoners of this page, and the one chosen (from a card's link)."""
        shown = self.prisoners()
        chosen = self.chosen()
        if chosen and chosen not in {self.uid_of(profile) for profile in shown}:
            profile = translation_in(chosen, self.language)
            if profile is not None:
                return [profile, *shown]
        return shown

    def uid_of(self, profile) -> str:
        from coalition.intranet.mentorship.profiles import canonical_uid

        return canonical_uid(profile)

    def waiting_since(self, profile) -> str:
        return self.date(seeking.waiting_since(profile))

    def fact(self, field: str, value) -> str:
        return self.t(label(field, value)) if value else ""

    def options(self, field: str) -> list[tuple[str, str]]:
        """(code, label) of the regions or categories that seekers in this language have."""
        seen = seeking.seeking_values(self.language, FILTER_INDEXES[field])
        terms = [term for term in vocabulary(field) if term.value in seen]
        return sorted(((term.value, self.t(term.title)) for term in terms), key=lambda item: item[1])

    def functions(self):
        return [(code, self.t(title)) for code, title in FUNCTIONS]

    def countries(self):
        return sorted(((code, self.country(code)) for code in COUNTRIES), key=lambda item: item[1])

    def offer_url(self, profile) -> str:
        """This page with ``profile`` chosen in the offer form below (filters and page kept)."""
        parameters = {
            key: value
            for key, value in (("region", self.region), ("category", self.category), ("b_start", self.batch().first))
            if value
        }
        parameters["prisoner"] = self.uid_of(profile)
        return f"{self.seeking_url(**parameters)}#offer"

    def chosen(self) -> str:
        return (self.request.form.get("prisoner") or "").strip()

    def value(self, name: str) -> str:
        return "" if self.sent else (self.request.form.get(name) or "")


class ReportActionView(PublicMentorshipPage):
    """``@@report-action?key=…``: the office reports an action; a public one waits for a coordinator."""

    sent = False
    errors = ()
    link_error = None

    def update(self) -> None:
        self.key = (self.request.form.get("key") or "").strip()
        # The page must not be cached or indexed, nor pass the key on as a referrer.
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.request.response.setHeader("Referrer-Policy", "no-referrer")
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        try:
            self.mentor = actions.mentor_of_link(self.key)
        except CoalitionError as refused:
            self.link_error = error_texts(self.request, refused)
            self.request.response.setStatus(403)
            return
        if self.request.method == "POST":
            self.receive()
        self.number = actions.new_report_number()

    def receive(self) -> None:
        form = self.request.form
        try:
            signups.check_public_post(self.request, REPORT_FORM, limit=20)
            actions.report_by_office(
                self.key,
                (form.get("number") or "").strip(),
                (form.get("mentorship") or "").strip(),
                kind=(form.get("kind") or "").strip(),
                when=read_date(form, "date"),
                text=form.get("text") or "",
                visibility=(form.get("visibility") or "").strip(),
            )
        except CoalitionError as refused:
            self.errors = error_texts(self.request, refused)
            return
        self.sent = True

    def mentor_name(self) -> str:
        return self.mentor.Title()

    def mentorships(self):
        """(uid, prisoner's name) of the mentor's active mentorships; names only, as the office knows them."""
        found = registry.mentorships(mentor_uid=self.mentor.UID(), states=("active",))
        return [(m.UID(), m.prisoner_name) for m in sorted(found, key=lambda m: m.prisoner_name)]

    def kinds(self):
        return [(code, self.t(title)) for code, title in ACTION_KINDS]

    def visibilities(self):
        return [(code, self.t(title)) for code, title in VISIBILITIES]

    def value(self, name: str) -> str:
        return "" if self.sent else (self.request.form.get(name) or "")


# Open data of the mentorships: public fields only (public_record.public_mentorship_rows).
OPEN_DATA_COLUMNS = ("mentor", "function", "body", "party", "country", "prisoner", "prisoner_id", "since")
OPEN_DATA_COLUMNS += ("public_actions",)


class MentorshipsCSV(BrowserView):
    def __call__(self):
        language = section_language(self.context)
        if language is None:
            raise NotFound(self.__name__)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(OPEN_DATA_COLUMNS)
        for row in public_record.public_mentorship_rows(language):
            writer.writerow([row[name] for name in OPEN_DATA_COLUMNS])
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8; header=present")
        response.setHeader("Content-Disposition", f'attachment; filename="mentorships-{language}.csv"')
        response.setHeader("Access-Control-Allow-Origin", "*")
        return buffer.getvalue().encode("utf-8")


class MentorshipsJSON(BrowserView):
    def __call__(self):
        language = section_language(self.context)
        if language is None:
            raise NotFound(self.__name__)
        rows = public_record.public_mentorship_rows(language)
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Access-Control-Allow-Origin", "*")
        data = {"language": language, "count": len(rows), "columns": list(OPEN_DATA_COLUMNS), "items": rows}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

"""The public profile page of a political prisoner (its Open Graph tags: ``social.py``).

The page shows the profile's public serialisation (``public_data.public_profile_data``: whitelisted copies, see
``api.py``, under the rules of what is public) and content that the reader may view; the profile does not know
its case file, so nothing of the case can reach this page.
"""

from Acquisition import aq_inner
from coalition.intranet import _
from coalition.intranet.criteria import publication as definition
from coalition.intranet.public.facts import format_date
from coalition.intranet.public.facts import IMPRISONED_STATUSES
from coalition.intranet.public.facts import label
from coalition.intranet.public.profile.public_data import profile_language
from coalition.intranet.public.profile.public_data import public_profile_data
from coalition.intranet.site.api import language_root
from datetime import date
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
import re
from urllib.parse import urlencode
import zc.relation.interfaces
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.i18n import translate
from zope.intid.interfaces import IIntIds


# Related content a profile may point to itself (back-references may be of any public type).
# "Campaign" is the contract's type id (ARCHITECTURE.md), listed once the type exists.
RELATED_TYPES = ("Event", "News Item", "Document", "Campaign")
TYPE_LABELS = {
    "Event": _("profile_related_type_event", default="Event"),
    "News Item": _("profile_related_type_news", default="News"),
    "Document": _("profile_related_type_page", default="Page"),
    "Campaign": _("profile_related_type_campaign", default="Campaign"),
}
CATEGORY_EXPLANATIONS = {
    "A": _(
        "profile_category_a",
        default="Category A: prosecuted solely for exercising fundamental rights and freedoms, for belonging to a "
        "group or for their beliefs (a prisoner of conscience).",
    ),
    "B": _(
        "profile_category_b",
        default="Category B: prosecuted with substantial violations of the law or selectively, and with a "
        "political motive.",
    ),
}
# The photo's ``srcset``: plone.namedfile's named scales from this width up to the photo's own width.
PHOTO_MIN_WIDTH = 200
PHOTO_SRC_SCALE = "large"
PHOTO_SIZES = "(min-width: 768px) 33vw, 100vw"


class PrisonerProfileView(BrowserView):
    """The default view of a ``PrisonerProfile``: the public profile page."""

    def __call__(self):
        # The page has its own two columns (photo and facts, then the texts); portlet columns would squeeze it.
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        return self.index()

    @memoize
    def data(self) -> dict:
        """The profile's public serialisation: every fact and text below comes from it."""
        return public_profile_data(self.context)

    # Language and links

    @memoize
    def language(self) -> str:
        return profile_language(self.context)

    @memoize
    def language_root_url(self) -> str:
        return language_root(api.portal.get(), self.language()).absolute_url()

    def list_url(self) -> str:
        return f"{self.language_root_url()}/prisoners"

    def filter_url(self, **parameters) -> str:
        """A link to the list filtered as in the URL contract (``?article=207.3``)."""
        return f"{self.list_url()}?{urlencode(parameters)}"

    def mentorship_url(self) -> str:
        return f"{self.language_root_url()}/mentorship"

    def date(self, value) -> str:
        return format_date(value, self.language())

    # Names

    def name_ru(self) -> str | None:
        """The name in Russian, unless the page already shows exactly that name."""
        name_ru = (self.data().get("name_ru") or "").strip()
        return name_ru if name_ru and name_ru != self.data().get("title") else None

    # Photo

    @memoize
    def photo(self) -> dict | None:
        """``src``, ``srcset``, ``sizes``, ``width``, ``height`` of the photo, or None without a photo."""
        image = self.data().get("image")
        if image is None or not getattr(image, "size", 0):
            return None
        images = getMultiAdapter((self.context, self.request), name="images")
        original_width = images.getImageSize("image")[0]
        scales = {}
        for name, (width, _height) in images.available_sizes.items():
            if PHOTO_MIN_WIDTH <= width <= original_width:
                scale = images.scale("image", scale=name, pre=True)
                if scale is not None:
                    scales.setdefault(scale.width, scale)
        if original_width not in scales:  # the photo at its own width, when no named scale has it
            scale = images.scale("image", width=original_width, height=65536, pre=True)
            if scale is not None:
                scales.setdefault(scale.width, scale)
        if not scales:
            return None
        shown = images.scale("image", scale=PHOTO_SRC_SCALE, pre=True) or scales[max(scales)]
        return {
            "src": shown.url,
            "width": shown.width,
            "height": shown.height,
            "srcset": ", ".join(f"{scale.url} {width}w" for width, scale in sorted(scales.items())),
            "sizes": PHOTO_SIZES,
            "credit": (self.data().get("image_caption") or "").strip(),
        }

    # Facts

    def status(self) -> dict | None:
        return self._coded("status", self.data().get("status"), "status")

    def region(self) -> dict | None:
        return self._coded("region", self.data().get("region"), "region")

    def case_categories(self) -> list[dict]:
        return [self._coded("case_categories", code, "category") for code in self.data().get("case_categories") or ()]

    def _coded(self, field: str, code, parameter: str) -> dict | None:
        if not code:
            return None
        return {"code": code, "title": label(field, code), "url": self.filter_url(**{parameter: code})}

    def articles(self) -> list[dict]:
        """Each article with its plain-language explanation (the vocabulary label without the number)."""
        found = []
        for code in self.data().get("articles") or ():
            title = translate(label("articles", code), context=self.request)
            explanation = re.sub(rf"^\s*{re.escape(code)}\s*[–—-]\s*", "", title)
            found.append(
                {
                    "code": code,
                    "explanation": explanation if explanation != code else "",
                    "url": self.filter_url(article=code),
                }
            )
        return found

    def is_deceased(self) -> bool:
        return self.data().get("status") == "deceased"

    def age(self) -> int | None:
        """Age in full years, from the date of birth (not for the deceased)."""
        born = self.data().get("date_of_birth")
        if not isinstance(born, date) or self.is_deceased():
            return None
        today = date.today()
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def birth_year(self) -> int | None:
        born = self.data().get("date_of_birth")
        return born.year if isinstance(born, date) else self.data().get("birth_year")

    # Recognition

    def recognition(self) -> dict | None:
        """Date, criteria version (linked) and category of the recognition; None until both are recorded."""
        data = self.data()
        if not (data.get("recognised_on") and data.get("criteria_version")):
            return None
        category = (data.get("category") or "").strip().upper()
        return {
            "date": data.get("recognised_on"),
            "version": data.get("criteria_version"),
            "definition_url": self.definition_url(data.get("criteria_version")),
            "female": data.get("gender") == "female",
            "category": category,
            "category_explanation": CATEGORY_EXPLANATIONS.get(category),
        }

    def definition_url(self, version=None) -> str:
        """The definition in the reader's language; the version applied when that version is published."""
        root = language_root(api.portal.get(), self.language())
        folder = root.get(definition.SECTION_ID)
        url = f"{root.absolute_url()}/{definition.SECTION_ID}"
        # ``?version=n`` opens that version on the definition page (criteria/browser/views.py).
        published = definition.published_versions(folder) if folder is not None else ()
        if version and any(entry["number"] == version for entry in published):
            return f"{url}?{urlencode({'version': version})}"
        return url

    # Texts

    def story(self) -> str:
        story = self.data().get("story")
        return story.output_relative_to(self.context) if story else ""

    def interests(self) -> list[str]:
        text = self.data().get("interests") or ""
        return [paragraph.strip() for paragraph in re.split(r"\n\s*\n", text) if paragraph.strip()]

    # Mentors and letters

    @memoize
    def mentors(self) -> list[dict]:
        """The active mentorships whose mentor is public (mentorship's public record): the mentor, since when,
        and the public, approved actions; the old free-text field is no longer shown."""
        from coalition.intranet.mentorship import api as mentorship

        language = self.language()
        entries = []
        for item in mentorship.active_mentorships_of_profile(self.context):
            mentor = item.mentor
            entries.append(
                {
                    "name": mentor.name,
                    "url": f"{self.mentorship_url()}/@@mentor/{mentor.slug}",
                    "function": translate(mentorship.function_label(mentor.function), context=self.request),
                    "body": mentor.body,
                    "party": mentor.party,
                    "country": mentorship.country_name(mentor.country, language),
                    "since": self.date(item.since) if item.since else "",
                    "actions": [
                        {
                            "kind": translate(mentorship.action_kind_label(action.kind), context=self.request),
                            "date": self.date(action.date),
                            "text": action.text,
                        }
                        for action in item.actions
                    ],
                }
            )
        return entries

    def seeks_mentor(self) -> bool:
        from coalition.intranet.mentorship import api as mentorship

        return mentorship.mentor_status(self.context) == "seeks"

    def offer_url(self) -> str:
        """The offer form of the prisoners seeking a mentor, with this prisoner chosen."""
        from coalition.intranet.mentorship import api as mentorship

        return mentorship.offer_url(self.mentorship_url(), self.context)

    def letters_possible(self) -> bool:
        return bool(self.data().get("letters_possible"))

    def letters_blocked(self) -> bool:
        """Letters do not get through to a person who is still deprived of liberty: say so plainly."""
        return not self.letters_possible() and self.data().get("status") in IMPRISONED_STATUSES

    def postal_address(self) -> list[str]:
        """The lines of the postal address, as far as the public serialisation gives it (only while letters get
        through)."""
        address = self.data().get("postal_address") or ""
        return [line.strip() for line in address.splitlines() if line.strip()]

    # Related events, campaigns and news

    @memoize
    def related(self) -> list[dict]:
        """Public content in this language that points to the profile, and what the profile points to."""
        items = {}
        for obj in self._back_references() + self._own_related_items():
            if obj is None or obj is self.context or not self._may_show(obj):
                continue
            items.setdefault(obj.UID(), obj)
        return sorted((self._describe(obj) for obj in items.values()), key=lambda item: item["sort"], reverse=True)

    def _back_references(self) -> list:
        catalog = queryUtility(zc.relation.interfaces.ICatalog)
        intids = queryUtility(IIntIds)
        if catalog is None or intids is None:
            return []
        profile_id = intids.queryId(aq_inner(self.context))
        if profile_id is None:
            return []
        query = {"to_id": profile_id, "from_attribute": "relatedItems"}
        # queryObject gives the source wrapped in its acquisition chain, so permission checks see its roles.
        return [intids.queryObject(relation.from_id) for relation in catalog.findRelations(query)]

    def _own_related_items(self) -> list:
        found = []
        for relation in getattr(aq_inner(self.context), "relatedItems", None) or ():
            if relation.isBroken():
                continue
            obj = queryUtility(IIntIds).queryObject(relation.to_id)
            if obj is None or obj.portal_type not in RELATED_TYPES:
                continue
            found.append(self._in_language(obj))
        return found

    def _in_language(self, obj):
        """The translation of ``obj`` in the reader's language, when the profile points to another one."""
        if ILanguage(obj).get_language() == self.language():
            return obj
        try:
            return ITranslationManager(obj).get_translation(self.language())
        except TypeError:
            return None

    def _may_show(self, obj) -> bool:
        if ILanguage(obj).get_language() != self.language():
            return False
        if not api.user.has_permission("View", obj=obj):
            return False
        # Anonymous readers see published content only, whatever a workflow might let through.
        if api.user.is_anonymous():
            return api.content.get_state(obj, default=None) == "published"
        return True

    def _describe(self, obj) -> dict:
        start = getattr(obj, "start", None) if obj.portal_type == "Event" else None
        when = start or getattr(obj, "effective_date", None) or obj.created()
        if hasattr(when, "asdatetime"):
            when = when.asdatetime()
        type_label = TYPE_LABELS.get(obj.portal_type)
        if type_label is None:
            fti = api.portal.get_tool("portal_types").getTypeInfo(obj)
            type_label = fti.Title() if fti is not None else obj.portal_type
        return {
            "title": obj.Title(),
            "url": obj.absolute_url(),
            "description": obj.Description(),
            "type": type_label,
            "date": self.date(start) if start else "",
            "datetime": start.isoformat() if start else "",
            "sort": when.isoformat() if when else "",
        }


class NoRelatedItemsViewlet(ViewletBase):
    """The profile page lists its related content itself (filtered by language and state)."""

    def render(self):
        return ""

"""Open Graph and Twitter card metadata of a profile page: Plone's social tags, completed for a profile.

Plone's viewlets (``plone.htmlhead.socialtags``, ``plone.socialtags``) give the site name, title, URL and, for
a profile, no description and the site logo. These subclasses replace them for IPrisonerProfile under the same
names (configure.zcml), so the page carries one set of tags: a short summary, the photo, the locale.
"""

from Acquisition import aq_inner
from coalition.intranet import _
from coalition.intranet.public.profile.public_data import profile_language
from coalition.intranet.public.profile.public_data import public_profile_data
from coalition.intranet.public.profile.public_data import summary_labels
import functools
import os
from plone import api
import plone.app.layout.viewlets
from plone.app.layout.viewlets.social import SocialTagsViewlet
from plone.app.multilingual.interfaces import ITranslationManager
from plone.memoize.instance import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getMultiAdapter
from zope.i18n import translate
import zope.i18n.locales


SOCIAL_IMAGE_SCALE = "great"
PLONE_VIEWLETS = os.path.dirname(plone.app.layout.viewlets.__file__)
# og:locale needs a territory; for a language spoken in many, the one meant by default here.
DEFAULT_TERRITORIES = {"en": "GB", "pt": "PT", "es": "ES"}


def og_locale(language: str) -> str:
    """The Open Graph locale (``de_DE``) of a site language (``de`` or ``de-at``)."""
    language, _sep, territory = (language or "en").replace("_", "-").partition("-")
    if territory:
        return f"{language}_{territory.upper()}"
    territory = DEFAULT_TERRITORIES.get(language) or _single_territory(language) or language.upper()
    return f"{language}_{territory}"


@functools.cache
def _single_territory(language: str) -> str | None:
    """The territory of ``language`` when zope.i18n knows of one (``uk`` -> ``UA``, ``de`` -> ``DE``)."""
    data = os.path.join(os.path.dirname(zope.i18n.locales.__file__), "data")
    names = os.listdir(data) if os.path.isdir(data) else ()
    territories = {name[len(language) + 1 : -len(".xml")] for name in names if name.startswith(f"{language}_")}
    territories = {territory for territory in territories if territory.isalpha() and territory.isupper()}
    if language.upper() in territories:
        return language.upper()
    return territories.pop() if len(territories) == 1 else None


def profile_summary(profile, request) -> str:
    """A short text about a profile for link previews: status, region, articles (never the story)."""
    data = public_profile_data(profile)
    lead = (
        _("profile_summary_lead_female", default="Political prisoner")
        if data.get("gender") == "female"
        else _("profile_summary_lead", default="Political prisoner")
    )
    facts, articles = summary_labels(data, lambda message: translate(message, context=request))
    parts = [translate(lead, context=request), *facts]
    if articles:
        parts.append("; ".join(articles))
    return " · ".join(parts)


class ProfileSocialTagsViewlet(SocialTagsViewlet):
    """Plone's Open Graph / Twitter tags, completed for a profile: summary, photo, locale.

    Like Plone's viewlet, it speaks to anonymous visitors (crawlers) only, as ``plone.share_social_data`` says.
    """

    index = ViewPageTemplateFile("social_tags.pt", _prefix=PLONE_VIEWLETS)

    @memoize
    def _get_tags(self):
        tags = super()._get_tags()
        if not tags:
            return tags
        context = aq_inner(self.context)
        photo = self.photo()
        tags = [tag for tag in tags if not self._replaced(tag, photo)]
        summary = profile_summary(context, self.request)
        language = profile_language(context)
        tags.extend(
            [
                {"name": "twitter:card", "content": "summary_large_image" if photo else "summary"},
                {"property": "og:description", "content": summary},
                {"itemprop": "description", "content": summary},
                {"property": "og:locale", "content": og_locale(language)},
            ]
        )
        for other in self._other_languages(context, language):
            tags.append({"property": "og:locale:alternate", "content": og_locale(other)})
        if photo:
            tags.extend(
                [
                    {"property": "og:image", "content": photo.url},
                    {"property": "og:image:width", "content": str(photo.width)},
                    {"property": "og:image:height", "content": str(photo.height)},
                    {
                        "property": "og:image:type",
                        "content": getattr(photo, "mimetype", None) or photo.data.contentType,
                    },
                    {"property": "og:image:alt", "content": context.Title()},
                    {"name": "twitter:image:alt", "content": context.Title()},
                    {"itemprop": "image", "content": photo.url},
                ]
            )
        return tags

    @staticmethod
    def _replaced(tag: dict, photo) -> bool:
        key = tag.get("property") or tag.get("name") or ""
        if key in ("twitter:card", "og:description", "og:locale") or tag.get("itemprop") == "description":
            return True
        return bool(photo) and (key.startswith("og:image") or tag.get("itemprop") == "image")

    def photo(self):
        image = public_profile_data(aq_inner(self.context)).get("image")
        if image is None or not getattr(image, "size", 0):
            return None
        images = getMultiAdapter((self.context, self.request), name="images")
        return images.scale("image", scale=SOCIAL_IMAGE_SCALE)

    @staticmethod
    def _other_languages(context, language: str) -> list[str]:
        """Languages of the published translations (the alternates a crawler may follow)."""
        try:
            translations = ITranslationManager(context).get_translations()
        except TypeError:
            return []
        return sorted(
            other
            for other, item in translations.items()
            if other != language and api.content.get_state(item, default=None) == "published"
        )


class ProfileSocialTagsBodyViewlet(ProfileSocialTagsViewlet):
    """The schema.org part of the same tags, above the content title (Plone's ``plone.socialtags``)."""

    index = ViewPageTemplateFile("social_tags_body.pt", _prefix=PLONE_VIEWLETS)

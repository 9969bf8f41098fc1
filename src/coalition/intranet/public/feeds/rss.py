"""RSS 2.0 of new and changed profiles per language (``/<lang>/prisoners/@@rss``) and its autodiscovery link.

Our own view rather than Plone's syndication (``RSS``): Plone's folder feed lists whatever the folder holds,
unsorted, with the creator's name and e-mail (an intranet member); this feed asks ``public_profiles_query``
(published profiles of one language only) and carries only the profiles' public serialisation
(``profile/public_data.py``).
"""

from Acquisition import aq_base
from coalition.intranet import _
from coalition.intranet.public.facts import list_language_or_404
from coalition.intranet.public.facts import prisoners_folder
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.public.facts import tr
from coalition.intranet.public.profile.public_data import public_profile_data
from coalition.intranet.public.profile.public_data import summary_labels
from coalition.intranet.site.api import language_root
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces import ILanguage
from plone.base.navigationroot import get_navigation_root_object
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from uuid import UUID


FEED_SIZE = 50
FEED_VIEW = "@@rss"
# A re-encoded scale, never the original upload: the original may carry EXIF data (camera, place).
ENCLOSURE_SCALE = "preview"


def minute(date) -> int:
    return int(date.timeTime() // 60)


def uuid_urn(uid: str) -> str:
    try:
        return UUID(uid).urn
    except (TypeError, ValueError):
        return uid


def profile_summary(data: dict, language: str) -> str:
    """One translated line of public facts: status, region and articles (with their plain-language labels)."""
    parts, articles = summary_labels(data, lambda message: tr(message, language))
    if articles:
        labels = "; ".join(articles)
        parts.append(tr(_("feeds_articles", default="Articles: ${articles}", mapping={"articles": labels}), language))
    return " · ".join(parts)


class ProfilesFeedView(BrowserView):
    """The 50 most recently modified published profiles of the list's language, newest first."""

    template = ViewPageTemplateFile("templates/profiles_rss.pt", content_type="application/rss+xml")

    def __call__(self):
        self.language = list_language_or_404(self.context, FEED_VIEW)
        self.request.response.setHeader("Content-Type", "application/rss+xml; charset=utf-8")
        return self.template()

    def channel(self) -> dict:
        root = language_root(api.portal.get(), self.language)
        return {
            "title": tr(
                _(
                    "feeds_channel_title",
                    default="${site}: new and updated prisoner profiles",
                    mapping={"site": root.Title()},
                ),
                self.language,
            ),
            "link": self.context.absolute_url(),
            "self": f"{self.context.absolute_url()}/{FEED_VIEW}",
            "description": tr(
                _(
                    "feeds_channel_description",
                    default="Profiles of political prisoners recognised by the coalition, most recently "
                    "published or updated first.",
                ),
                self.language,
            ),
            "language": self.language,
        }

    def brains(self) -> list:
        """The newest FEED_SIZE profiles by their exact modification time.

        The catalog's date index keeps minutes only: take every profile of the minute of the last one that
        fits, then order by the exact time of the metadata.
        """
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(sort_on="modified", sort_order="descending", **public_profiles_query(self.language))
        selected = []
        for brain in brains:
            if len(selected) >= FEED_SIZE and minute(brain.modified) < minute(selected[FEED_SIZE - 1].modified):
                break
            selected.append(brain)
        selected.sort(key=lambda brain: brain.modified.timeTime(), reverse=True)
        return selected[:FEED_SIZE]

    def items(self) -> list[dict]:
        return [self.item(brain) for brain in self.brains()]

    def item(self, brain) -> dict:
        profile = brain.getObject()
        data = public_profile_data(profile)
        return {
            "title": data.get("title"),
            "link": brain.getURL(),
            # The profile's own UID: stable while the profile exists, whatever its id or title becomes.
            "guid": uuid_urn(brain.UID),
            "pubDate": brain.modified.rfc822(),
            "description": profile_summary(data, self.language),
            "enclosure": self.enclosure(profile, data),
        }

    def enclosure(self, profile, data: dict) -> dict | None:
        if not data.get("image"):
            return None
        images = api.content.get_view("images", profile, self.request)
        scale = images.scale("image", scale=ENCLOSURE_SCALE)
        if scale is None or scale.data is None:
            return None
        return {"url": scale.url, "length": scale.data.getSize(), "type": scale.data.contentType}


class ProfilesFeedLinkViewlet(ViewletBase):
    """``<link rel="alternate" type="application/rss+xml">`` to the feed, on every page of a language root."""

    index = ViewPageTemplateFile("templates/profiles_rss_link.pt")

    def update(self):
        super().update()
        self.feed = None
        portal = api.portal.get()
        root = get_navigation_root_object(self.context, portal)
        language = ILanguage(root, None)
        language = language.get_language() if language is not None else None
        folder = prisoners_folder(language) if language else None
        # Only below a language root: the intranet and the site root have no public list.
        if folder is None or aq_base(language_root(portal, language)) is not aq_base(root):
            return
        self.feed = {
            "href": f"{folder.absolute_url()}/{FEED_VIEW}",
            "title": tr(_("feeds_link_title", default="New and updated prisoner profiles"), language),
        }

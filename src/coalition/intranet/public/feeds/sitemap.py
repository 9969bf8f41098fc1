"""``sitemap.xml.gz`` of the public website: every language root's published content, with hreflang alternates.

Plone's own sitemap lists whatever the requesting user may view. This one lists only ``published`` content
inside the language roots, the same for every visitor, so that nothing of ``/intranet`` and no draft or
retracted item can ever be in it, even when someone logged in asks for it; and each translated page names its
published translations (``<xhtml:link rel="alternate" hreflang>``).
"""

from coalition.intranet.mentorship import api as mentorship
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from collections import defaultdict
from gzip import GzipFile
from io import BytesIO
from plone import api
from plone.app.layout.sitemap.sitemap import SiteMapView
from plone.base.interfaces import IPloneSiteRoot
from plone.memoize import ram
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


PUBLISHED = "published"
VIEW_ACTION_TYPES = "plone.types_use_view_action_in_listings"


def _render_cachekey(method, self):
    # Only Anonymous: the same bytes for every anonymous visitor until the catalog changes (a retraction too).
    if not api.user.is_anonymous():
        raise ram.DontCache
    catalog = api.portal.get_tool("portal_catalog")
    # Mentors' public records live in a register, not in the catalog: its state joins the key.
    return (
        "coalition-sitemap",
        self.context.absolute_url(),
        catalog.getCounter(),
        mentorship.public_mentors_state(),
        self.request.get("page", 0),
    )


class PublicSiteMapView(SiteMapView):
    template = ViewPageTemplateFile("templates/sitemap.xml")

    def public_roots(self) -> list:
        portal = api.portal.get()
        roots = []
        for language in site_languages():
            try:
                roots.append(language_root(portal, language))
            except KeyError:
                continue
        return roots

    def scope(self) -> list[str]:
        """Paths listed: every language root from the site root, else the language root holding the context."""
        paths = ["/".join(root.getPhysicalPath()) for root in self.public_roots()]
        if IPloneSiteRoot.providedBy(self.context):
            return paths
        here = "/".join(self.context.getPhysicalPath())
        return [here for path in paths if here == path or here.startswith(path + "/")][:1]

    def base_query(self, paths) -> dict:
        utils = api.portal.get_tool("plone_utils")
        return {"portal_type": utils.getUserFriendlyTypes(), "review_state": PUBLISHED, "path": paths}

    def alternates(self) -> dict:
        """Translation group -> {language: URL} of published translations in any language root."""
        catalog = api.portal.get_tool("portal_catalog")
        groups = defaultdict(dict)
        for brain in catalog(**self.base_query(["/".join(root.getPhysicalPath()) for root in self.public_roots()])):
            if brain.TranslationGroup and brain.Language:
                groups[brain.TranslationGroup][brain.Language] = brain.getURL()
        return groups

    def _objects(self):
        # Unlike Plone's, no entry for the site root: it only redirects to a language root.
        paths = self.scope()
        if not paths:
            return
        catalog = api.portal.get_tool("portal_catalog")
        view_action_types = set(api.portal.get_registry_record(VIEW_ACTION_TYPES, default=[]) or [])
        query = self.base_query(paths)
        # As Plone's sitemap: a folder's default page is listed as the folder, with the later of both dates.
        default_page_modified = {
            brain.getURL().rsplit("/", 1)[0]: brain.modified for brain in catalog(is_default_page=True, **query)
        }
        groups = self.alternates()
        for brain in catalog(is_default_page=False, **query):
            loc = brain.getURL()
            modified = brain.modified
            page_modified = default_page_modified.get(loc)
            if page_modified is not None and page_modified.micros() > modified.micros():
                modified = page_modified
            translations = groups.get(brain.TranslationGroup, {}) if brain.TranslationGroup else {}
            alternates = (
                [{"hreflang": language, "href": url} for language, url in sorted(translations.items())]
                if len(translations) > 1
                else []
            )
            if brain.portal_type in view_action_types:
                loc += "/view"
            yield {"loc": loc, "lastmod": modified.ISO8601(), "alternates": alternates}
        yield from self._mentor_pages(paths)

    def _mentor_pages(self, paths):
        """The mentors' public pages (``@@mentor/<slug>``) in each listed language, with their alternates."""
        roots = {
            root.Language() or root.getId(): root
            for root in self.public_roots()
            if "/".join(root.getPhysicalPath()) in paths
        }
        every_language = {root.Language() or root.getId(): root for root in self.public_roots()}
        for mentor, urls in mentorship.public_mentor_pages(every_language):
            lastmod = mentor.published_on.strftime("%Y-%m-%d") if mentor.published_on else ""
            alternates = [{"hreflang": language, "href": url} for language, url in sorted(urls.items())]
            for language in roots:
                if language in urls:
                    yield {"loc": urls[language], "lastmod": lastmod, "alternates": alternates}

    @ram.cache(_render_cachekey)
    def generate(self):
        """The gzipped index (no ``page``) or page of the sitemap, as Plone's, with our own cache key."""
        xml = self.template() if "page" in self.request else self.template_index()
        buffer = BytesIO()
        with GzipFile(self.filename, "wb", 9, buffer) as gzip:
            gzip.write(xml.encode("utf-8") if isinstance(xml, str) else xml)
        return buffer.getvalue()

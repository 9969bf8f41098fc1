"""Switching language on the public site, and telling search engines which translations exist.

plone.app.multilingual (pam) does most of it; three things are adjusted, each as small as it can be:

- ``@@multilingual-selector/<tg>/<lang>`` (the links of the language switcher) goes to the translation when the
  reader may view it; otherwise (pam would go to the closest translated parent, or to a bare dialog on the
  site root) to ``/<lang>/@@not-translated/<tg>``: a page in the target language that offers the languages
  in which the content is available and the target language's list of prisoners.
- The ``hreflang`` alternates in the head name only translations that Anonymous may read. pam's viewlet
  caches the links of whoever came first, for everybody: an editor's visit put the URL (id made from the
  title) of a draft translation in the head served to Anonymous.
- The switcher's links carry ``lang``/``hreflang`` (the language names are written in their own language):
  pam's viewlet with our template.

The replacements are registered for more specific contexts than pam's (the site root, dexterity translatable
content), so that they win whatever the order of pam's and our browser layers on the request.
"""

from coalition.intranet.public.languages.translations import language_root_of
from coalition.intranet.public.languages.translations import native_name
from coalition.intranet.public.languages.translations import public_translations
from coalition.intranet.public.languages.translations import reader_url
from coalition.intranet.public.languages.translations import visible_translations
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.browser.helper_views import selector_view
from plone.app.multilingual.browser.selector import addQuery
from plone.app.multilingual.browser.selector import getPostPath
from plone.app.multilingual.interfaces import ITG
from plone.base.interfaces import ILanguage
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


NOT_TRANSLATED_VIEW = "not-translated"
X_DEFAULT = "x-default"


class LanguageSelectorView(selector_view):
    """``@@multilingual-selector/<tg>/<lang>``: the same content in ``lang`` when the reader may view it, else
    the "not yet translated" page of ``lang``. The translation is found with the reader's own catalog search,
    so an unpublished translation is never the destination for Anonymous; pam's registry setting
    ``selector_lookup_translations_policy`` ("closest" or "dialog") no longer applies."""

    def getDestination(self):
        if self.lang is None:
            self.lang = api.portal.get_tool("portal_languages").getPreferredLanguage(self.request)
        for brain in visible_translations(self.tg):
            if brain.Language == self.lang:
                return reader_url(brain)
        return None

    def __call__(self):
        url = self.getDestination()
        url = self.wrapDestination(url) if url else self.not_translated_destination()
        self.request.response.redirect(url)

    def not_translated_destination(self) -> str:
        root = language_root_of(self.lang)
        if root is None:
            # Not a site language: pam's fallback, the site root (which sends readers to their language).
            return self.wrapDestination(api.portal.get().absolute_url(), postpath=False)
        url = f"{root.absolute_url()}/@@{NOT_TRANSLATED_VIEW}/{self.tg}"
        return addQuery(self.request, url, exclude=("post_path",))


@implementer(IPublishTraverse)
class NotTranslatedView(BrowserView):
    """``/<lang>/@@not-translated/<tg>``: this content does not exist (for this reader) in ``<lang>``.

    Answers 404 with a helpful page: the page in the requested language really does not exist, so search
    engines and link checkers are told so (no "soft 404"), and ``noindex`` keeps it out of indexes anyway.
    When the translation exists and the reader may view it, the page sends the reader there instead.
    Everything listed comes from the reader's own catalog search: nothing about unpublished translations.
    """

    translation_group = None

    def publishTraverse(self, request, name):
        if self.translation_group is not None:
            raise NotFound(self, name, request)
        self.translation_group = name
        return self

    def __call__(self):
        translations = visible_translations(self.translation_group)
        for brain in translations:
            if brain.Language == self.language:
                self.request.response.redirect(reader_url(brain))
                return ""
        self.available = [
            {
                "language": brain.Language,
                "name": native_name(brain.Language),
                "title": brain.Title,
                "url": reader_url(brain),
            }
            for brain in translations
        ]
        self.request.response.setStatus(404)
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        return self.index()

    @property
    def language(self) -> str:
        return ILanguage(self.context).get_language()

    def language_name(self) -> str:
        return native_name(self.language)

    def prisoners_list(self):
        """The list of prisoners in this language, when the reader may open it."""
        prisoners = self.context.get("prisoners")
        if prisoners is None or not api.user.has_permission("View", obj=prisoners):
            return None
        return {"title": prisoners.Title(), "url": prisoners.absolute_url()}


class AlternateLanguagesViewlet(ViewletBase):
    """``<link rel="alternate" hreflang>`` for every translation Anonymous may read, and ``x-default`` for the
    default language's. Only on pages answered with 200 (not on error or "not translated" pages); a view
    after the content (``/@@statistics``) is kept in the links, as the language switcher does."""

    alternates = ()

    def update(self):
        super().update()
        if self.request.response.getStatus() != 200:
            return
        brains = public_translations(ITG(self.context, None))
        if len(brains) < 2:
            return
        post_path = getPostPath(self.context, self.request)
        alternates = [{"hreflang": brain.Language, "href": reader_url(brain) + post_path} for brain in brains]
        default_language = api.portal.get_registry_record("plone.default_language", default=None)
        alternates += [
            {"hreflang": X_DEFAULT, "href": item["href"]} for item in alternates if item["hreflang"] == default_language
        ]
        self.alternates = alternates

    def render(self):
        return self.index() if self.alternates else ""

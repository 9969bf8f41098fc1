"""The public sections of the concern: ``/<lang>/campaigns`` and ``/<lang>/news``, and a statement's page."""

from Acquisition import aq_base
from coalition.intranet import _
from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.campaigns.vocabularies import STATEMENT_KINDS
from coalition.intranet.public.facts import format_date
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from coalition.intranet.workspaces.directory import member_organisations
from plone import api
from plone.base.interfaces import ILanguage
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from zExceptions import NotFound


KIND_LABELS = {
    "Statement": _("news_kind_statement", default="Statement"),
    "News Item": _("news_kind_news", default="News"),
}
NEWS_PAGE_SIZE = 30


def section_language(context, section: str) -> str:
    """The language of ``context`` when it is that section of a language root; else NotFound."""
    language = ILanguage(context).get_language()
    if language in site_languages():
        folder = language_root(api.portal.get(), language).get(section)
        if folder is not None and aq_base(folder) is aq_base(context):
            return language
    raise NotFound(section)


class CampaignsListing(BrowserView):
    """Running campaigns first, then the others (ended or not yet started)."""

    def __call__(self):
        self.language = section_language(self.context, "campaigns")
        return self.index()

    @memoize
    def all(self):
        return campaigns.campaigns(self.language)

    def running(self):
        return campaigns.running_campaigns(self.language)

    def others(self):
        return [item for item in self.all() if not item.running]

    def date(self, value) -> str:
        return format_date(value, self.language)


class NewsListing(BrowserView):
    """Statements and news of the language, newest first; ``?kind=statements`` for statements only."""

    def __call__(self):
        self.language = section_language(self.context, "news")
        return self.index()

    def statements_only(self) -> bool:
        return self.request.form.get("kind") == "statements"

    def items(self) -> list[dict]:
        kinds = ("Statement",) if self.statements_only() else ("Statement", "News Item")
        return [
            {
                "title": brain.Title,
                "description": brain.Description,
                "url": brain.getURL(),
                "kind": KIND_LABELS.get(brain.portal_type, brain.portal_type),
                "date": format_date(brain.effective if brain.effective.year() > 1000 else brain.created, self.language),
            }
            for brain in campaigns.latest_news(self.language, limit=NEWS_PAGE_SIZE, kinds=kinds)
        ]


class StatementView(BrowserView):
    """A statement with its date, its kind and the member organisations that signed it."""

    @memoize
    def language(self) -> str:
        return ILanguage(self.context).get_language() or "en"

    def date(self) -> str:
        return format_date(self.context.statement_date, self.language())

    def kind(self):
        return dict(STATEMENT_KINDS).get(self.context.statement_kind)

    def signatories(self) -> list[dict]:
        chosen = list(self.context.signatories or [])
        organisations = {org["id"]: org for org in member_organisations(self.language())}
        return [organisations[org_id] for org_id in chosen if org_id in organisations]

    def text(self) -> str:
        return self.context.text.output_relative_to(self.context) if self.context.text else ""

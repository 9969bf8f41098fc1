"""RSS 2.0 of a language's statements and news (``/<lang>/news/@@news.rss``) and of its statements only
(``@@statements.rss``). Only published items of that language (the reader's catalog search), with their
title, summary, link and date: no creator, no text beyond the summary."""

from coalition.intranet import _
from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.campaigns.listings import section_language
from coalition.intranet.public.facts import tr
from coalition.intranet.site.api import language_root
from plone import api
from Products.Five.browser import BrowserView
from uuid import UUID
from xml.etree import ElementTree


FEED_SIZE = 30


def _guid(uid: str) -> str:
    try:
        return UUID(uid).urn
    except (TypeError, ValueError):
        return uid


class NewsFeed(BrowserView):
    kinds = ("Statement", "News Item")
    view_name = "news.rss"
    title = _("feed_news_title", default="${site}: statements and news")

    def __call__(self):
        language = section_language(self.context, "news")
        root = language_root(api.portal.get(), language)
        rss = ElementTree.Element("rss", version="2.0")
        channel = ElementTree.SubElement(rss, "channel")
        ElementTree.SubElement(channel, "title").text = tr(_(self.title, mapping={"site": root.Title()}), language)
        ElementTree.SubElement(channel, "link").text = self.context.absolute_url()
        ElementTree.SubElement(channel, "description").text = self.context.Description() or root.Title()
        ElementTree.SubElement(channel, "language").text = language
        for brain in campaigns.latest_news(language, limit=FEED_SIZE, kinds=self.kinds):
            item = ElementTree.SubElement(channel, "item")
            ElementTree.SubElement(item, "title").text = brain.Title
            ElementTree.SubElement(item, "link").text = brain.getURL()
            ElementTree.SubElement(item, "guid", isPermaLink="false").text = _guid(brain.UID)
            date = brain.effective if brain.effective.year() > 1000 else brain.created
            ElementTree.SubElement(item, "pubDate").text = date.rfc822()
            if brain.Description:
                ElementTree.SubElement(item, "description").text = brain.Description
        self.request.response.setHeader("Content-Type", "application/rss+xml; charset=utf-8")
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(rss, encoding="unicode")


class StatementsFeed(NewsFeed):
    kinds = ("Statement",)
    view_name = "statements.rss"
    title = _("feed_statements_title", default="${site}: statements")

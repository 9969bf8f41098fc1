"""Versions of a working document: Plone's history page, version list and diff, as valid and accessible HTML.

- The diff (CMFEditions' ``@@history``): no empty ``action``; the choice of diff style is a named radio group
  (Plone labels a control that does not exist); CMFDiffTool marks inserted tags with ``<tt>``, obsolete in HTML:
  ``<code>`` instead.
- The version list (``@@contenthistory``): the revert form sits in a ``div`` (a form may not be in a ``span``);
  no obsolete ``summary`` on the table.
- The history page (``@@historyview``): its heading follows the page's ``h1`` as an ``h2``, not an ``h3``.
"""

from plone.app.layout.viewlets.content import ContentHistoryView
from plone.app.layout.viewlets.content import HistoryByLineView
from Products.CMFEditions.browser.diff import DiffView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class WorkingDocumentDiffView(DiffView):
    index = ViewPageTemplateFile("templates/diff.pt")

    def __call__(self):
        return super().__call__().replace("<tt>", "<code>").replace("</tt>", "</code>")


class WorkingDocumentContentHistory(ContentHistoryView):
    index = ViewPageTemplateFile("templates/content_history.pt")


class WorkingDocumentHistoryView(HistoryByLineView):
    index = ViewPageTemplateFile("templates/history_view.pt")

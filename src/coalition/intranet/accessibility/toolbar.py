"""The toolbar and its content menu with corrected templates; their behaviour is Plone's own."""

from plone.app.contentmenu.view import ContentMenuProvider
from plone.app.layout.viewlets.common import ContentViewsViewlet
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class AccessibleToolbar(ToolbarViewletManager):
    """No ``role="toolbar"`` on the ``section`` (not allowed there); pin and unpin are buttons, not links
    without ``href`` carrying a label (which ARIA prohibits on such an ``a``)."""

    custom_template = ViewPageTemplateFile("templates/toolbar.pt")


class AccessibleContentMenu(ContentMenuProvider):
    """``aria-expanded`` and the dropdown attributes only on the menus that open a submenu (Plone writes
    ``aria-expanded=""`` on the others, which is invalid)."""

    index = ViewPageTemplateFile("templates/contentmenu.pt")


class AccessibleContentViews(ContentViewsViewlet):
    """The history tab's only text is a date that a pattern writes after the page has loaded: until then the
    link had no name. The action's title is there for screen readers, visually hidden."""

    menu_template = ViewPageTemplateFile("templates/contentviews_menu.pt")

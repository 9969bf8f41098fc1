"""Plone's own markup made accessible and valid for the intranet (issue 21; docs/accessibility.md).

Template overrides for the coalition's browser layer: the toolbar (plone.app.layout) and the content menu with
the workflow state menu (plone.app.contentmenu). The CSS part is in theme/static/coalition.css.
"""

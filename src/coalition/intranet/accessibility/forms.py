"""Form widgets of plone.app.z3cform, named as assistive technology expects.

- A group of radio buttons or checkboxes is a ``radiogroup``/``group`` named by the field's label (Plone writes a
  ``label for`` the group's id, which is no form control: the Nu checker refuses it and the group has no name).
- A required single select without an empty first option: ``aria-required`` instead of ``required``.
- A file or image: the label names the file input, not the widget's wrapper.
- The rich text field: its textarea carries the widget's id (the field's label points to it), the text format
  select gets a label, and TinyMCE's frame gets an accessible name; its status bar (a resize handle that is no
  complete slider and a word count button without a name) is left out.
"""

from coalition.intranet import _
from html import escape
from plone.app.z3cform.views import RenderWidget
from plone.app.z3cform.widgets.richtext import tinymce_richtextwidget_render
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import IRadioWidget
from zope.i18n import translate


class GroupWidgetRender(RenderWidget):
    index = ViewPageTemplateFile("templates/group_widget.pt")

    def group_role(self) -> str:
        return "radiogroup" if IRadioWidget.providedBy(self.context) else "group"


class SelectWidgetRender(RenderWidget):
    """A required single select whose first option is a real choice (no empty one to force a choice) is
    marked ``aria-required`` rather than ``required``: HTML allows ``required`` only on selects starting
    with an empty placeholder, and such a select always has a value anyway."""

    index = ViewPageTemplateFile("templates/select_widget.pt")

    def widget_html(self) -> str:
        html = self.context.render()
        if 'required="required"' not in html or "multiple" in html[: html.find(">")]:
            return html
        first_option = html.find("<option")
        if (
            first_option == -1
            or html.startswith('<option value=""', first_option)
            or 'value=""' in (html[first_option : html.find(">", first_option)])
        ):
            return html
        return html.replace('required="required"', 'aria-required="true"', 1)


class FileWidgetRender(RenderWidget):
    index = ViewPageTemplateFile("templates/file_widget.pt")


def _label(widget) -> str:
    label = widget.label or widget.name
    return translate(label, context=widget.request) if hasattr(label, "domain") else str(label)


def accessible_tinymce_render(widget) -> str:
    """Plone's rendering of the rich text input, with the names assistive technology needs."""
    original = widget.get_pattern_options
    field_label = _label(widget)

    def pattern_options():
        options = original()
        tiny = options.setdefault("tiny", {})
        tiny["statusbar"] = False
        tiny["iframe_aria_text"] = field_label
        # TinyMCE names its frame only in Firefox; the frame's own attributes name it everywhere.
        tiny["iframe_attrs"] = dict(tiny.get("iframe_attrs") or {}, title=field_label)
        return options

    widget.get_pattern_options = pattern_options
    try:
        html = tinymce_richtextwidget_render(widget)
    finally:
        del widget.get_pattern_options
    textarea = f'<textarea name="{widget.name}"'
    if f'id="{widget.id}"' not in html and textarea in html:
        html = html.replace(textarea, f'<textarea id="{widget.id}" name="{widget.name}"', 1)
    select = f'<select id="{widget.id}_text_format"'
    if select in html:
        text = translate(
            _("a11y_text_format", default="Text format of ${field}", mapping={"field": field_label}),
            context=widget.request,
        )
        label = f'<label class="visually-hidden" for="{widget.id}_text_format">{escape(text)}</label>'
        html = html.replace(select, label + select, 1)
    return html

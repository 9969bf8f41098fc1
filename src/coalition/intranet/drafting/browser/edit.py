"""The edit form of working documents: Plone's own, plus the version token that prevents lost updates."""

from coalition.intranet.drafting import editing
from coalition.intranet.drafting import locks
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.interfaces import IDexterityEditForm
from plone.z3cform import layout
from z3c.form import field
from z3c.form.interfaces import HIDDEN_MODE
from zope import schema
from zope.interface import classImplements
from zope.interface import Interface


class IVersionToken(Interface):
    coalition_version_token = schema.ASCIILine(title="Version token", required=False)


class WorkingDocumentEditForm(DefaultEditForm):
    """Saving is refused, with the editor's text kept in the form, when someone saved in between."""

    def updateFields(self):
        super().updateFields()
        self.fields += field.Fields(IVersionToken)
        token = self.fields[editing.VERSION_FIELD]
        token.mode = HIDDEN_MODE
        # The token belongs to the form, not to the document: never read from or written to it.
        token.ignoreContext = True

    @property
    def _token_name(self):
        return f"{self.prefix}widgets.{editing.VERSION_FIELD}"

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        if self._token_name not in self.request.form:
            self.widgets[editing.VERSION_FIELD].value = editing.version_token(self.context)

    def update(self):
        super().update()
        if not self.actions.executedActions:
            locks.extend_own_lock(self.context)

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors=setErrors)
        if "form.buttons.save" not in self.request.form:
            return data, errors
        try:
            # A form without the token (forged, or from an old page) is treated as stale.
            editing.check_version_token(self.context, self.request.form.get(self._token_name, ""))
        except editing.EditConflict as conflict:
            self.formErrorsMessage = conflict.message
            # The next save is a decision taken knowing the newer version: it carries the current token.
            self.widgets[editing.VERSION_FIELD].value = editing.version_token(self.context)
            errors = (*errors, conflict)
        return data, errors

    def applyChanges(self, data):
        data = {name: value for name, value in data.items() if name != editing.VERSION_FIELD}
        return super().applyChanges(data)


WorkingDocumentEditView = layout.wrap_form(WorkingDocumentEditForm)
classImplements(WorkingDocumentEditView, IDexterityEditForm)

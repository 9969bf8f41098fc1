"""The edit form of an action refuses a date in the future, as ``actions.validate`` does for every route."""

from coalition.intranet import _
from coalition.intranet.mentorship.interfaces import IMentorAction
from datetime import date
from z3c.form import validator
from zope.interface import Invalid
from zope.schema.interfaces import IDate


class NotInFuture(validator.SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        if self.field.__name__ == "date" and isinstance(value, date) and value > date.today():
            raise Invalid(_("error_action_in_future", default="An action cannot be dated in the future."))


validator.WidgetValidatorDiscriminators(NotInFuture, context=IMentorAction, field=IDate)

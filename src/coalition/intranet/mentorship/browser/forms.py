"""Small helpers of the mentorship pages: reading a date from a form, posting with CSRF protection."""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from datetime import date


class FormError(CoalitionError):
    """A value of a form that cannot be read."""


def read_date(form: dict, name: str, *, required: bool = True) -> date | None:
    """An ISO date (``<input type="date">``) from ``form``; ``FormError`` when it is missing or malformed."""
    text = (form.get(name) or "").strip()
    if not text:
        if required:
            raise FormError(_("error_date_missing", default="Please give a date."))
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError(_("error_date_malformed", default="Please give a date as year-month-day.")) from None

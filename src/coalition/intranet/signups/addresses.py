"""E-mail addresses typed by visitors: one normal form, so the same person is never counted twice."""

from coalition.intranet import _
from coalition.intranet.signups.guards import SubmissionRefused
import re


# Deliberately simple: one @, a dot in the domain, no spaces; the opt-in mail proves the rest.
_ADDRESS = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")
MAX_LENGTH = 254


def normalise_email(text: str) -> str:
    """``text`` stripped and lower-cased; ``SubmissionRefused`` unless it looks like an e-mail address."""
    address = (text or "").strip().lower()
    if len(address) > MAX_LENGTH or not _ADDRESS.match(address):
        raise SubmissionRefused(_("signup_error_email", default="Please enter a valid e-mail address."))
    return address

"""The public API of visitors' forms: guard a POST, normalise an address, sign links, mail the visitor."""

from coalition.intranet.signups.addresses import normalise_email
from coalition.intranet.signups.guards import check_public_post
from coalition.intranet.signups.guards import client_address
from coalition.intranet.signups.guards import HONEYPOT_FIELD_NAME
from coalition.intranet.signups.guards import SubmissionRefused
from coalition.intranet.signups.mail import send_mail
from coalition.intranet.signups.tokens import make_token
from coalition.intranet.signups.tokens import read_token
from coalition.intranet.signups.tokens import TokenExpired
from coalition.intranet.signups.tokens import TokenInvalid


__all__ = [
    "HONEYPOT_FIELD_NAME",
    "SubmissionRefused",
    "TokenExpired",
    "TokenInvalid",
    "check_public_post",
    "client_address",
    "make_token",
    "normalise_email",
    "read_token",
    "send_mail",
]

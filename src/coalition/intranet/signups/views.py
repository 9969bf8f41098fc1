"""The hidden fields every visitor's form carries: the CSRF authenticator and the honeypot."""

from coalition.intranet.signups.guards import HONEYPOT_FIELD_NAME
from plone.protect.authenticator import createToken
from Products.Five.browser import BrowserView


class FormGuards(BrowserView):
    honeypot_field_name = HONEYPOT_FIELD_NAME

    def authenticator(self) -> str:
        return createToken()

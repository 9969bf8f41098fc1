"""The mails a supporter gets, in the language of the campaign page they signed."""

from Acquisition import aq_parent
from coalition.intranet import _
from coalition.intranet.signups import api as signups
from plone import api
from plone.base.interfaces import ILanguage
from zope.i18n import translate


def _language(supporter) -> str:
    return (
        getattr(supporter, "language", None)
        or ILanguage(aq_parent(supporter)).get_language()
        or api.portal.get_registry_record("plone.default_language")
    )


def _site_title(language: str) -> str:
    portal = api.portal.get()
    root = portal.get(language)
    return (root.Title() if root is not None else "") or portal.Title()


def send_confirmation(supporter, email: str, confirm_url: str, withdraw_url: str) -> None:
    language = _language(supporter)
    mapping = {
        "name": supporter.title,
        "campaign": aq_parent(supporter).Title(),
        "confirm_url": confirm_url,
        "withdraw_url": withdraw_url,
        "site": _site_title(language),
    }
    subject = _("mail_signature_confirm_subject", default="Please confirm your signature: ${campaign}", mapping=mapping)
    body = _(
        "mail_signature_confirm_body",
        default="Hello ${name},\n\n"
        'thank you for signing the campaign "${campaign}". Please confirm your signature with this link '
        "(valid for 7 days):\n\n${confirm_url}\n\n"
        "After your confirmation, our editors check the signature before it is counted and, if you agreed, "
        "before your name appears. Your e-mail address is never published.\n\n"
        "If you did not sign, ignore this message: nothing will be published.\n\n"
        "You can withdraw your signature at any time with this link:\n${withdraw_url}\n\n${site}",
        mapping=mapping,
    )
    signups.send_mail(email, translate(subject, target_language=language), translate(body, target_language=language))


def send_already_signed(supporter, email: str, withdraw_url: str, language: str) -> None:
    mapping = {"campaign": aq_parent(supporter).Title(), "withdraw_url": withdraw_url, "site": _site_title(language)}
    subject = _("mail_signature_known_subject", default="You have already signed: ${campaign}", mapping=mapping)
    body = _(
        "mail_signature_known_body",
        default="Hello,\n\n"
        'somebody (probably you) signed the campaign "${campaign}" again with this address. It has signed '
        "already, so nothing changed: every person counts once.\n\n"
        "You can withdraw your signature at any time with this link:\n${withdraw_url}\n\n${site}",
        mapping=mapping,
    )
    signups.send_mail(email, translate(subject, target_language=language), translate(body, target_language=language))

"""The life of a supporter: sign, confirm by mail (double opt-in), moderation, withdrawal.

- ``sign_up`` checks every value before anything is stored (``SignUpRefused`` with one message per
  problem). A new address becomes an ``unconfirmed`` supporter and gets a confirmation mail. An address
  that already signed this campaign (in any language) creates nothing: its owner gets a mail saying so
  (with the link to confirm, if still needed, or to withdraw). The page answers the same in both cases, so
  the form never tells a stranger whether somebody signed.
- ``confirm`` (the mailed link, valid 7 days) moves the supporter to ``confirmed``: waiting for a public
  editor. ``approve`` / ``reject`` are the moderators' workflow transitions; only approved supporters are
  counted and listed (``signatures.py``), with their name only if they allowed it.
- ``withdraw`` (the mailed link, valid for years) deletes the supporter: gone from pages, counts, exports.
  Signing again later is a new sign-up with a new confirmation.
"""

from Acquisition import aq_parent
from coalition.intranet import _
from coalition.intranet.campaigns import mails
from coalition.intranet.campaigns import signatures
from coalition.intranet.campaigns.vocabularies import COUNTRIES
from coalition.intranet.campaigns.vocabularies import OTHER_COUNTRY
from coalition.intranet.campaigns.vocabularies import SUPPORTER_ROLES
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as security
from coalition.intranet.signups import api as signups
from datetime import date
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import createContentInContainer
import re
import uuid


UNCONFIRMED = "unconfirmed"
CONFIRMED = "confirmed"
APPROVED = "approved"
REJECTED = "rejected"
# What editors export and see as signatures (unconfirmed addresses have not agreed to anything yet).
CONFIRMED_STATES = (CONFIRMED, APPROVED, REJECTED)

CONFIRM_PURPOSE = "campaign-signature-confirm"
WITHDRAW_PURPOSE = "campaign-signature-withdraw"
CONFIRM_DAYS = 7
WITHDRAW_DAYS = 3650
NAME_MAX = 120
ORGANISATION_MAX = 160
# A name or organisation is plain text: no markup, no links (what spam sign-ups carry).
GARBAGE = re.compile(r"[<>{}\[\]\\]|https?:|www\.|\x00|[\x01-\x1f\x7f]", re.IGNORECASE)
ROLE_VALUES = tuple(value for value, _title in SUPPORTER_ROLES)
COUNTRY_VALUES = (*COUNTRIES, OTHER_COUNTRY)


class SignUpRefused(CoalitionError):
    """A sign-up or a link was refused; nothing was stored."""


def campaign_language(campaign) -> str:
    return ILanguage(campaign).get_language() or api.portal.get_registry_record("plone.default_language")


def is_running(campaign, today: date | None = None) -> bool:
    """Published, started, and not yet ended."""
    today = today or date.today()
    if api.content.get_state(campaign, default=None) != "published":
        return False
    start, end = campaign.campaign_start, campaign.campaign_end
    return (start is None or start <= today) and (end is None or today <= end)


def _clean_text(value, maximum: int, field_message, errors: list, required: bool) -> str:
    text = " ".join((value or "").split())
    if not text:
        if required:
            errors.append(field_message)
        return ""
    if len(text) > maximum or GARBAGE.search(text):
        errors.append(field_message)
    return text


def check_sign_up(form: dict) -> dict:
    """The cleaned values of a sign-up form, or ``SignUpRefused`` naming every problem."""
    errors = []
    name = _clean_text(
        form.get("name"),
        NAME_MAX,
        _(
            "signup_error_name",
            default="Please enter your name as it should appear (plain text, at most 120 characters).",
        ),
        errors,
        required=True,
    )
    organisation = _clean_text(
        form.get("organisation"),
        ORGANISATION_MAX,
        _("signup_error_organisation", default="The organisation or function is plain text of at most 160 characters."),
        errors,
        required=False,
    )
    role = form.get("role")
    if role not in ROLE_VALUES:
        errors.append(_("signup_error_role", default="Please choose in which capacity you sign."))
    country = form.get("country")
    if country not in COUNTRY_VALUES:
        errors.append(_("signup_error_country", default="Please choose your country."))
    email = ""
    try:
        email = signups.normalise_email(form.get("email") or "")
    except signups.SubmissionRefused as error:
        errors.extend(error.messages)
    if errors:
        raise SignUpRefused(errors)
    return {
        "name": name,
        "organisation": organisation,
        "role": role,
        "country": country,
        "email": email,
        "show_name": bool(form.get("show_name")),
    }


def sign_up(campaign, form: dict, *, today: date | None = None) -> str:
    """Check and store a sign-up (see the module's docstring). Returns "new", "pending" or "known" (for tests
    and logs; the visitor's page is the same for all three)."""
    values = check_sign_up(form)
    if not is_running(campaign, today):
        raise SignUpRefused(_("signup_error_not_running", default="This campaign is not collecting signatures."))
    language = campaign_language(campaign)
    known_uid = signatures.signer_of(campaign, values["email"])
    known = _by_uid(known_uid) if known_uid else None
    if known is not None:
        if api.content.get_state(known) == UNCONFIRMED:
            mails.send_confirmation(known, values["email"], confirm_link(known), withdraw_link(known))
            return "pending"
        mails.send_already_signed(known, values["email"], withdraw_link(known), language)
        return "known"
    with api.env.adopt_roles(["Manager"]):
        supporter = createContentInContainer(
            campaign,
            "Supporter",
            id=f"s-{uuid.uuid4().hex[:12]}",
            checkConstraints=False,
            title=values["name"],
            supporter_role=values["role"],
            country=values["country"],
            organisation=values["organisation"] or None,
            email=values["email"],
            show_name=values["show_name"],
            language=language,
        )
    mails.send_confirmation(supporter, values["email"], confirm_link(supporter), withdraw_link(supporter))
    return "new"


def _by_uid(uid: str):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid, portal_type="Supporter"):
        return brain._unrestrictedGetObject()
    return None


def confirm_link(supporter) -> str:
    token = signups.make_token(CONFIRM_PURPOSE, api.content.get_uuid(supporter), days=CONFIRM_DAYS)
    return f"{aq_parent(supporter).absolute_url()}/@@confirm-signature?token={token}"


def withdraw_link(supporter) -> str:
    token = signups.make_token(WITHDRAW_PURPOSE, api.content.get_uuid(supporter), days=WITHDRAW_DAYS)
    return f"{aq_parent(supporter).absolute_url()}/@@withdraw-signature?token={token}"


def supporter_of_token(purpose: str, token: str):
    """The supporter a genuine link names; ``SignUpRefused`` when the link is bad or the supporter is gone."""
    uid = signups.read_token(purpose, token)
    supporter = _by_uid(uid)
    if supporter is None:
        raise SignUpRefused(
            _("signup_error_gone", default="This signature no longer exists: it was withdrawn or removed.")
        )
    return supporter


def confirm(token: str) -> tuple[object, bool]:
    """Confirm the supporter of a confirmation link. Returns (supporter, whether it was confirmed before)."""
    supporter = supporter_of_token(CONFIRM_PURPOSE, token)
    if api.content.get_state(supporter) != UNCONFIRMED:
        return supporter, True
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(supporter, transition="confirm")
    return supporter, False


def withdraw(token: str):
    """Delete the supporter of a withdrawal link. Returns the campaign."""
    supporter = supporter_of_token(WITHDRAW_PURPOSE, token)
    campaign = aq_parent(supporter)
    security.record("campaign.signature_withdrawn", campaign, actor="", supporter=api.content.get_uuid(supporter))
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(supporter, check_linkintegrity=False)
    return campaign


def campaign_translations(campaign) -> list:
    """The campaign in every language it has (itself included)."""
    translations = dict(ITranslationManager(campaign).get_translations())
    return list(translations.values()) or [campaign]


def supporters_of(campaign, states=CONFIRMED_STATES) -> list:
    """The supporter objects of a campaign in every language (for moderators and the export), oldest first."""
    catalog = api.portal.get_tool("portal_catalog")
    paths = ["/".join(item.getPhysicalPath()) for item in campaign_translations(campaign)]
    brains = catalog.unrestrictedSearchResults(
        portal_type="Supporter", path=paths, review_state=list(states), sort_on="created"
    )
    return [brain._unrestrictedGetObject() for brain in brains]

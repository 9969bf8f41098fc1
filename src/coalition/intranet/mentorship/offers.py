"""Offers to mentor, sent by a politician's office through the public form: moderated by coordinators.

An offer is stored in the mentorship section (an annotation: never catalogued, never served as content)
until a coordinator accepts it (a draft ``Mentor`` and a proposed mentorship are made from it; the address
goes to the mentor's private contact data) or declines it (deleted). Both are in the audit log.
"""

from BTrees.OOBTree import OOBTree
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship.vocabularies import COUNTRIES
from coalition.intranet.mentorship.vocabularies import FUNCTIONS
from coalition.intranet.security import api as audit
from coalition.intranet.signups import api as signups
import contextlib
from datetime import datetime
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import createContentInContainer
import secrets
from zope.annotation.interfaces import IAnnotations


OFFERS_KEY = "coalition.mentorship.offers"
MAX_LENGTHS = {"name": 200, "body": 200, "party": 200, "message": 4000}


class OfferRefused(CoalitionError):
    """An offer that cannot be accepted as sent; nothing was stored."""


def _offers(create: bool = False):
    section = registry.mentorship_section()
    annotations = IAnnotations(section)
    if OFFERS_KEY not in annotations and create:
        annotations[OFFERS_KEY] = OOBTree()
    return annotations.get(OFFERS_KEY)


def receive_offer(form: dict, language: str) -> dict:
    """Check and store an offer from the public form (the caller has run ``signups.check_public_post``)."""
    errors = []
    values = {name: (form.get(name) or "").strip() for name in ("name", "function", "body", "party", "country")}
    values["message"] = (form.get("message") or "").strip()
    for name in ("name", "body"):
        if not values[name]:
            errors.append(_("error_offer_required", default="Please fill in your name and your parliament or body."))
            break
    if any(len(values[name]) > limit for name, limit in MAX_LENGTHS.items()):
        errors.append(_("error_offer_too_long", default="Please shorten your entries."))
    if values["function"] not in dict(FUNCTIONS):
        errors.append(_("error_offer_function", default="Please choose your function."))
    if values["country"] not in COUNTRIES:
        errors.append(_("error_offer_country", default="Please choose your country."))
    profile_uid = (form.get("prisoner") or "").strip()
    if not profile_uid or profiles.translation_in(profile_uid, language) is None:
        errors.append(_("error_offer_prisoner", default="Please choose a prisoner from the list."))
    try:
        email = signups.normalise_email(form.get("email") or "")
    except signups.SubmissionRefused as error:
        errors.extend(error.messages)
        email = ""
    if errors:
        raise OfferRefused(errors)
    offer = PersistentMapping(
        values,
        email=email,
        profile_uid=profile_uid,
        prisoner_name=profiles.profile_name(profile_uid, language),
        language=language,
        received=datetime.now(),
    )
    _offers(create=True)[secrets.token_hex(8)] = offer
    return dict(offer)


def pending_offers() -> list[tuple[str, dict]]:
    """``(id, offer)`` of the offers waiting for moderation, oldest first."""
    offers = _offers() or {}
    return sorted(((key, dict(value)) for key, value in offers.items()), key=lambda item: item[1]["received"])


def _take(offer_id: str) -> dict:
    offers = _offers()
    if offers is None or offer_id not in offers:
        raise OfferRefused(_("error_offer_gone", default="This offer was already moderated."))
    return dict(offers[offer_id])


def accept_offer(offer_id: str):
    """A draft mentor from the offer, and a proposed mentorship for the prisoner while their profile is live."""
    lifecycle.check_may_manage()
    offer = _take(offer_id)
    section = registry.mentorship_section()
    with api.env.adopt_roles(["Manager"]):
        mentor = createContentInContainer(
            section,
            "Mentor",
            checkConstraints=False,
            name=offer["name"],
            function=offer["function"],
            body=offer["body"],
            party=offer["party"] or None,
            country=offer["country"],
            email=offer["email"],
            office_language=offer["language"],
            notes=offer["message"] or None,
        )
        lifecycle._give_up_ownership(mentor)
    del _offers()[offer_id]
    audit.record("mentorship.offer_accepted", mentor, actor=lifecycle._actor())
    if profiles.is_live(offer["profile_uid"]):
        # Refused (already proposed): the coordinator proposes another prisoner on the mentor's page.
        with contextlib.suppress(lifecycle.MentorshipError):
            lifecycle.propose(mentor, offer["profile_uid"])
    return mentor


def decline_offer(offer_id: str) -> None:
    lifecycle.check_may_manage()
    _take(offer_id)
    del _offers()[offer_id]
    audit.record("mentorship.offer_declined", registry.mentorship_section(), actor=lifecycle._actor())

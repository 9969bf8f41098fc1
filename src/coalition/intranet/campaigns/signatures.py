"""The register of a campaign's signatures: who signed (by a hash of the address) and the public copy.

Why a register: the public never reads a ``Supporter`` (its workflow grants Anonymous nothing). What the
public sees of a supporter is a copy of whitelisted values (name and organisation only when the person
allowed it, role, country) made when a moderator approves the signature, and removed when the approval is
taken back or the supporter withdraws or is deleted (``subscribers.py`` keeps it in step on every route:
transition menu, REST, deletion). Counts and public lists read only this copy, never the objects.

One campaign in several languages is one campaign: the register is kept per translation group, so a
person signing the German and the English page is one supporter, and the count is the same everywhere.
The address is kept as a SHA-256 hash: enough to refuse a second signature, useless to anybody reading it.
"""

from BTrees.OOBTree import OOBTree
from collections import Counter
from dataclasses import dataclass
import hashlib
from persistent import Persistent
from plone import api
from plone.app.multilingual.interfaces import ITG
from zope.annotation.interfaces import IAnnotations


REGISTER_KEY = "coalition.campaigns.signatures"
# The whitelist of a supporter's public copy, in this order.
PUBLIC_VALUES = ("name", "role", "country", "organisation", "approved_on", "language")


@dataclass(frozen=True)
class PublicSignature:
    """What the public may know of one approved supporter; ``name`` is empty when it is not to be shown."""

    name: str
    role: str
    country: str
    organisation: str
    approved_on: str
    language: str


class CampaignSignatures(Persistent):
    """The signatures of one campaign (translation group)."""

    def __init__(self):
        self.emails = OOBTree()  # email hash -> supporter UID
        self.public = OOBTree()  # supporter UID -> tuple of PUBLIC_VALUES


def email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def campaign_group(campaign) -> str:
    """The translation group of a campaign: the same for all its languages."""
    return str(ITG(campaign, None) or api.content.get_uuid(campaign))


def _register(create: bool = False) -> OOBTree | None:
    annotations = IAnnotations(api.portal.get())
    if REGISTER_KEY not in annotations:
        if not create:
            return None
        annotations[REGISTER_KEY] = OOBTree()
    return annotations[REGISTER_KEY]


def signatures_of(campaign, create: bool = False) -> CampaignSignatures | None:
    register = _register(create)
    if register is None:
        return None
    group = campaign_group(campaign)
    if group not in register:
        if not create:
            return None
        register[group] = CampaignSignatures()
    return register[group]


def signer_of(campaign, email: str) -> str | None:
    """The UID of the supporter who signed ``campaign`` (any language) with ``email``, or None."""
    signatures = signatures_of(campaign)
    return signatures.emails.get(email_key(email)) if signatures is not None else None


def remember_email(campaign, email: str, uid: str) -> None:
    signatures_of(campaign, create=True).emails[email_key(email)] = uid


def forget_email(campaign, email_hash: str, uid: str) -> None:
    """Forget the address of supporter ``uid`` (only if it is still theirs)."""
    signatures = signatures_of(campaign)
    if signatures is not None and signatures.emails.get(email_hash) == uid:
        del signatures.emails[email_hash]


def set_public_copy(campaign, uid: str, signature: PublicSignature | None) -> None:
    """Write (or with None remove) the public copy of supporter ``uid``."""
    signatures = signatures_of(campaign, create=signature is not None)
    if signatures is None:
        return
    if signature is None:
        if uid in signatures.public:
            del signatures.public[uid]
        return
    value = tuple(getattr(signature, name) for name in PUBLIC_VALUES)
    if signatures.public.get(uid) != value:
        signatures.public[uid] = value


def public_signatures(campaign) -> list[PublicSignature]:
    """Every approved supporter's public copy, newest approval first."""
    signatures = signatures_of(campaign)
    if signatures is None:
        return []
    copies = [PublicSignature(*value) for value in signatures.public.values()]
    return sorted(copies, key=lambda copy: (copy.approved_on, copy.name), reverse=True)


def supporter_count(campaign) -> int:
    """How many supporters the campaign counts: approved ones, named or not."""
    signatures = signatures_of(campaign)
    return len(signatures.public) if signatures is not None else 0


def counts_by(campaign, value: str) -> Counter:
    """Approved supporters per role or per country (``value`` is "role" or "country")."""
    return Counter(getattr(copy, value) for copy in public_signatures(campaign))

"""Keep the register (``signatures.py``) in step with the supporters, whatever the route.

A moderator approves from the page, the workflow menu or REST ``@workflow``; an editor edits in the form or
with REST PATCH, deletes from folder contents: the events below follow every route. The public copy exists
exactly while the supporter is ``approved``, and holds the name only while the person allows it.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from coalition.intranet import _
from coalition.intranet.campaigns import signatures
from coalition.intranet.campaigns.supporters import APPROVED
from coalition.intranet.campaigns.supporters import SignUpRefused
from coalition.intranet.security import api as security
from datetime import date
from plone import api


def _hash_of(supporter) -> str:
    return signatures.email_key(supporter.email) if getattr(supporter, "email", None) else ""


def _claim_address(supporter) -> None:
    """Register the supporter's address for its campaign; refuse an address another supporter signed with."""
    campaign = aq_parent(supporter)
    uid = api.content.get_uuid(supporter)
    new_hash = _hash_of(supporter)
    old_hash = getattr(supporter, "_email_hash", "")
    if new_hash == old_hash:
        return
    if new_hash:
        holder = signatures.signer_of(campaign, supporter.email)
        if holder and holder != uid and _exists_unrestricted(holder):
            raise SignUpRefused(
                _("supporter_error_duplicate", default="This e-mail address has already signed this campaign.")
            )
    if old_hash:
        signatures.forget_email(campaign, old_hash, uid)
    if new_hash:
        signatures.signatures_of(campaign, create=True).emails[new_hash] = uid
    supporter._email_hash = new_hash


def _exists_unrestricted(uid: str) -> bool:
    catalog = api.portal.get_tool("portal_catalog")
    return bool(catalog.unrestrictedSearchResults(UID=uid))


def public_copy(supporter, approved_on: str) -> signatures.PublicSignature:
    """The whitelisted copy of an approved supporter."""
    shown = bool(supporter.show_name)
    return signatures.PublicSignature(
        name=supporter.title if shown else "",
        role=supporter.supporter_role or "",
        country=supporter.country or "",
        organisation=(supporter.organisation or "") if shown else "",
        approved_on=approved_on,
        language=getattr(supporter, "language", "") or "",
    )


def sync_public_copy(supporter) -> None:
    campaign = aq_parent(supporter)
    uid = api.content.get_uuid(supporter)
    if api.content.get_state(supporter, default=None) != APPROVED:
        signatures.set_public_copy(campaign, uid, None)
        return
    existing = signatures.signatures_of(campaign)
    value = existing.public.get(uid) if existing is not None else None
    approved_on = value[signatures.PUBLIC_VALUES.index("approved_on")] if value else date.today().isoformat()
    signatures.set_public_copy(campaign, uid, public_copy(supporter, approved_on))


def on_moved(supporter, event) -> None:
    """Added, renamed, moved or removed (Zope dispatches the events of a container to its content too)."""
    if aq_base(event.object) is not aq_base(supporter):
        # The campaign itself is renamed, moved or removed: the register follows its translation group.
        if event.newParent is None:
            _forget(aq_parent(supporter), supporter)
        return
    if event.newParent is None:
        _forget(event.oldParent, supporter)
    elif event.oldParent is None:
        _claim_address(supporter)
        sync_public_copy(supporter)
    elif event.oldParent is not event.newParent:
        raise SignUpRefused(_("supporter_error_move", default="Supporters stay in the campaign they signed."))


def on_modified(supporter, event) -> None:
    _claim_address(supporter)
    sync_public_copy(supporter)


def on_transition(supporter, event) -> None:
    sync_public_copy(supporter)
    transition = event.transition.id if event.transition is not None else None
    # Literal action ids per transition of coalition_supporter_workflow: the audit log's labels find them.
    action = {
        "confirm": "campaign.supporter_confirm",
        "approve": "campaign.supporter_approve",
        "reject": "campaign.supporter_reject",
    }.get(transition)
    if action is not None:
        security.record(action, aq_parent(supporter), supporter=api.content.get_uuid(supporter))


def _forget(campaign, supporter) -> None:
    uid = api.content.get_uuid(supporter)
    signatures.set_public_copy(campaign, uid, None)
    old_hash = getattr(supporter, "_email_hash", "")
    if old_hash:
        signatures.forget_email(campaign, old_hash, uid)


def refuse_copy(supporter, event) -> None:
    """A copied supporter would carry an address into another campaign without the person's consent."""
    raise SignUpRefused(_("supporter_error_copy", default="Supporters cannot be copied: they signed one campaign."))

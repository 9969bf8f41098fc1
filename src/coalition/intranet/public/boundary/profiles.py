"""The publication boundary on the public side: a profile exists, is public and holds facts only by an act.

The rules hold against every role and route (add forms, REST, copy and paste, moves, translations, import,
workflow transitions), editors and site administrators included, because they are enforced where every
route passes: object events, the profile workflow's guards and the profile's traversal hook.

- A ``PrisonerProfile`` is created only inside a publication act (``provenance.publication_act``), or as
  the translation (plone.app.multilingual's ``++addtranslation++``) of a profile an act created.
- The canonical profile is published and retracted only by an act; a translation can be published by
  public editors only while the act behind its group stands (``provenance.Provenance.live``).
- A profile is not copied, moved to another folder or deleted outside an act: its public URL and its
  record in the register stay one.
- A profile the requester may not see answers 404 (never a login form, which would confirm the person).
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from coalition.intranet import _
from coalition.intranet.public.boundary import provenance
from coalition.intranet.security.api import requesting_user
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.uuid.utils import uuidToObject
from plone.rest.interfaces import IAPIRequest
from plone.restapi.deserializer import json_body
from Products.Five.browser import BrowserView
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.globalrequest import getRequest
from zope.i18n import translate


ONLY_BY_AN_ACT = _(
    "profile_refused_only_by_act",
    default="A prisoner profile is created only by publishing a decided case file (its Publication tab).",
)
NOT_DELETED = _(
    "profile_refused_delete", default="A published prisoner profile is retracted from its case file, not deleted."
)
NOT_MOVED = _("profile_refused_move", default="A prisoner profile cannot be moved to another folder.")
NOT_COPIED = _("profile_refused_copy", default="A prisoner profile cannot be copied.")


def _refusal(message) -> Forbidden:
    """The refusal, in the requester's language (REST answers it as JSON, pages as the error page)."""
    return Forbidden(translate(message, context=getRequest()))


class NoAddForm(BrowserView):
    """``++add++PrisonerProfile``: there is no add form; a profile comes from a case's Publication tab."""

    def __call__(self):
        raise _refusal(ONLY_BY_AN_ACT)


def may_be_published(profile) -> bool:
    """The canonical profile: only by an act. A translation: while the act behind its group stands."""
    if provenance.in_publication_act():
        return True
    if provenance.is_canonical(profile):
        return False
    record = provenance.provenance_of(profile)
    return record is not None and record.live


def may_be_retracted(profile) -> bool:
    """Editors may take a translation off the site; the canonical profile goes only with its act."""
    return provenance.in_publication_act() or not provenance.is_canonical(profile)


def hide_from_requester(profile, request) -> None:
    """Raise NotFound unless the requester may view the profile."""
    if "Anonymous" in rolesForPermissionOn("View", profile):
        return
    if not requesting_user(request).has_permission("View", profile):
        raise NotFound(profile.getId())


def guard_creation(profile, event) -> None:
    """IObjectAddedEvent: only an act creates a profile, or a translator translates one an act created."""
    if provenance.in_publication_act() or _is_translation_of_published_profile(profile, getRequest()):
        return
    raise _refusal(ONLY_BY_AN_ACT)


def guard_move_and_removal(profile, event) -> None:
    """IObjectWillBeMovedEvent (also removal): a profile stays where its act put it."""
    if event.oldParent is None or provenance.in_publication_act():
        return  # an addition: see guard_creation
    if event.object is not profile:
        return  # its folder (or the whole site) is being moved or removed: not a route to the public
    renamed = event.oldParent is not None and event.oldParent is event.newParent
    if renamed:
        return
    if event.newParent is None:
        if not provenance.is_canonical(profile):
            return  # a translation may be deleted by those who may delete it
        raise _refusal(NOT_DELETED)
    raise _refusal(NOT_MOVED)


def guard_copy(profile, event) -> None:
    """IObjectCopiedEvent: a copy would be a profile without an act."""
    if not provenance.in_publication_act():
        raise _refusal(NOT_COPIED)


def _is_translation_of_published_profile(profile, request) -> bool:
    """Whether this request translates a profile an act created into a language it does not have yet."""
    group, language = _translation_requested(request)
    if not group or not language:
        return False
    catalog = api.portal.get_tool("portal_catalog")
    siblings = catalog.unrestrictedSearchResults(TranslationGroup=group)
    own = api.content.get_uuid(profile)
    if any(brain.Language == language and own != brain.UID for brain in siblings):
        return False
    return any(provenance.provenance(brain.UID) is not None for brain in siblings if own != brain.UID)


def _translation_requested(request) -> tuple[str | None, str | None]:
    """The translation group and the language of a translation this request creates, by whichever route
    plone.app.multilingual and plone.restapi offer: ``++addtranslation++``, ``@@create_translation``, or a
    REST POST with ``translation_of``."""
    info = getattr(request, "translation_info", None) or {}
    if info.get("tg"):
        return info["tg"], info.get("target_language")
    published = request.get("PUBLISHED") if request is not None else None
    if getattr(published, "__name__", "") == "create_translation":
        return ITG(published.context, None), request.get("language")
    if request is not None and IAPIRequest.providedBy(request):
        try:
            body = json_body(request)
        except Exception:  # noqa: BLE001 (no JSON body: not a translation)
            return None, None
        source = uuidToObject(body.get("translation_of"), unrestricted=True) if isinstance(body, dict) else None
        if source is not None:
            return ITG(source, None), body.get("language")
    return None, None

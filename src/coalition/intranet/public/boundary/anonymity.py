"""Nobody is named by the public side: every item inside a language root names the coalition as its creator.

Whatever the route (add form, REST POST/PATCH, plone.app.multilingual's ``++addtranslation++`` and
``@@babel_edit``, copy/paste, a move from elsewhere, an edit of the "Ownership" fieldset), the item
ends up with ``creators == (PUBLIC_CREATOR,)``, without an ``Owner`` local role for any member, and without
a member's id among its ``contributors``. Public editors and translators edit through the roles their
groups hold on the language roots (``site/structure.py``), never as owners. Content below ``/intranet``
keeps its authors: the subscribers act only inside a language root folder.

The subscribers are registered for every object (``*``) on purpose: object event subscribers run from the
most general registration to the most specific one, so these run before Plone's own (catalog,
versioning, plone.app.multilingual's copy of language-independent fields) and the initial version kept by
CMFEditions already names the coalition.

A lock is named too: while an editor has an item open in the edit form, plone.locking records who holds
the lock, and the REST API (``lock`` in every serialization, ``@lock``) and ``@@plone_lock_info`` would
tell anybody who may view the item. ``PublicLockable`` gives the holder's id only to those who may edit
the item; everybody else reads the coalition as the holder.

``anonymise_public_content(site)`` applies the same rule to what exists already (for an upgrade step).
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from coalition.intranet.public.api import PUBLIC_CREATOR
import logging
from plone import api
from plone.app.lockingbehavior.behaviors import ILocking
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.dexterity.interfaces import IDexterityContent
from plone.locking.interfaces import IRefreshableLockable
from plone.locking.lockable import TTWLockable
from Products.CMFCore.interfaces import ISiteRoot
from Products.CMFCore.permissions import ModifyPortalContent
from Products.CMFCore.utils import _checkPermission
from zope.component import adapter
from zope.interface import implementer


logger = logging.getLogger(__name__)

OWNER = "Owner"
# The catalog index of the creator (reindexing it updates the metadata columns Creator and listCreators).
CREATOR_INDEXES = ("Creator",)


def in_public_roots(obj) -> bool:
    """Whether ``obj`` is a language root folder (``/en``, ``/de``…) or inside one."""
    for item in aq_chain(aq_inner(obj)):
        if ILanguageRootFolder.providedBy(item):
            return True
        if ISiteRoot.providedBy(item):
            return False
    return False


def _is_member(entry: str) -> bool:
    if not entry or entry == PUBLIC_CREATOR:
        return False
    return api.user.get(userid=entry) is not None or api.user.get(username=entry) is not None


def anonymise(obj, reindex: bool = True) -> bool:
    """Name the coalition as the only creator of ``obj``, drop every ``Owner`` local role and every member
    named among the contributors. Returns whether anything changed (nothing is written otherwise)."""
    base = aq_base(obj)
    changed = security_changed = False
    if hasattr(base, "setCreators") and tuple(obj.listCreators()) != (PUBLIC_CREATOR,):
        # Never empty: Plone refills an empty list with the current user on the next reindex.
        obj.setCreators((PUBLIC_CREATOR,))
        changed = True
    contributors = tuple(getattr(base, "contributors", None) or ())
    if contributors:
        kept = tuple(entry for entry in contributors if not _is_member(entry))
        if kept != contributors:
            obj.setContributors(kept)
            changed = True
    if hasattr(base, "get_local_roles"):
        for principal, roles in obj.get_local_roles():
            if OWNER not in roles:
                continue
            remaining = [role for role in roles if role != OWNER]
            if remaining:
                obj.manage_setLocalRoles(principal, remaining)
            else:
                obj.manage_delLocalRoles([principal])
            security_changed = True
    if reindex and hasattr(base, "reindexObject"):
        if changed:
            obj.reindexObject(idxs=list(CREATOR_INDEXES))
        if security_changed:
            obj.reindexObjectSecurity()
    return changed or security_changed


def _handle(obj) -> None:
    if IDexterityContent.providedBy(obj) and in_public_roots(obj):
        anonymise(obj)


# Event subscribers (boundary.zcml): every route by which a public item comes or changes.


def public_item_handlers(handle):
    """The four subscribers (moved or added, modified, cloned, translated) that call ``handle(obj)`` for
    each route by which an item comes into or changes in the public tree; photos.py uses them too."""

    def on_moved(obj, event) -> None:
        """Added (any route), pasted, moved or renamed: covers the sub-objects of a container too (Zope
        dispatches the event to them). A removal (no new parent) has nothing to handle."""
        if event.newParent is not None:
            handle(obj)

    def on_modified(obj, event) -> None:
        """Edited by a form or REST PATCH."""
        handle(obj)

    def on_cloned(obj, event) -> None:
        """Copied and pasted: the copy keeps what the original had until now."""
        handle(obj)

    def on_translated(event) -> None:
        """plone.app.multilingual made ``event.target`` the translation of ``event.object``."""
        target = getattr(event, "target", None)
        if target is not None:
            handle(target)

    return on_moved, on_modified, on_cloned, on_translated


on_moved, on_modified, on_cloned, on_translated = public_item_handlers(_handle)


@adapter(ILocking)
@implementer(IRefreshableLockable)
class PublicLockable(TTWLockable):
    """plone.locking's lockable (for content with the locking behavior) that names the holder of a lock on
    public content only to those who may edit it."""

    def lock_info(self):
        info = super().lock_info()
        if info and in_public_roots(self.context) and not _checkPermission(ModifyPortalContent, self.context):
            return [{**entry, "creator": PUBLIC_CREATOR} for entry in info]
        return info


def anonymise_public_content(site) -> int:
    """Apply the rule to everything that exists inside the language roots (for an upgrade step).
    Returns how many items changed."""
    catalog = api.portal.get_tool("portal_catalog")
    changed = 0
    for root in site.objectValues():
        if not ILanguageRootFolder.providedBy(root):
            continue
        if anonymise(root):
            changed += 1
        path = "/".join(root.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(path=path):
            obj = brain._unrestrictedGetObject()
            if obj is not None and IDexterityContent.providedBy(obj) and anonymise(obj):
                changed += 1
    logger.info("Anonymised %d public items.", changed)
    return changed

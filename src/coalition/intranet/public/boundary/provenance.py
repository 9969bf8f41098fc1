"""Provenance of public profiles: which act of publication made each profile, and whether that act stands.

A ``PrisonerProfile`` exists only because a decided case was published by a named person (the case
concern, ``cases/publication.py``, takes the act; this module only records it, under an opaque source id,
so that the public concern never reads a case file). The record is kept per *canonical* profile (the one
in the default language; its translations find it through their translation group):

- ``source``: the uid of the record the act published (a case file);
- ``live``: whether the act stands now. A retraction (consent withdrawn, risk, a new decision, a family's
  request) sets it to False, and only a new act sets it back: no workflow transition on a profile can;
- ``public_languages``: the languages that were public when the act last stood, so that a new act brings
  back exactly those translations and leaves drafts as drafts;
- ``acts``: who published or retracted, when, and why (never shown on the public side).

``publication_act()`` marks the code that carries out an act: only inside it can a profile be created, a
canonical profile be published, or its copied facts be written (see ``boundary.py``).
"""

from BTrees.OOBTree import OOBTree
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from zope.annotation.interfaces import IAnnotations


REGISTER_KEY = "coalition.public.provenance"
_in_act: ContextVar[bool] = ContextVar("coalition_publication_act", default=False)


@contextmanager
def publication_act():
    """Run the body as (part of) an act of publication or retraction."""
    token = _in_act.set(True)
    try:
        yield
    finally:
        _in_act.reset(token)


def in_publication_act() -> bool:
    return _in_act.get()


@dataclass(frozen=True)
class Provenance:
    """What the register knows of one canonical profile."""

    profile_uid: str
    source: str
    live: bool
    public_languages: tuple = ()
    acts: tuple = field(default_factory=tuple)

    @property
    def last_published(self) -> dict | None:
        found = [act for act in self.acts if act["action"] == "published"]
        return found[-1] if found else None


def _register(create: bool = False):
    annotations = IAnnotations(api.portal.get())
    if REGISTER_KEY not in annotations:
        if not create:
            return None
        annotations[REGISTER_KEY] = OOBTree()
    return annotations[REGISTER_KEY]


def _as_provenance(profile_uid: str, entry) -> Provenance:
    return Provenance(
        profile_uid=profile_uid,
        source=entry["source"],
        live=entry["live"],
        public_languages=tuple(entry["public_languages"]),
        acts=tuple(dict(act) for act in entry["acts"]),
    )


def _act(action: str, actor: str, **details) -> dict:
    return {"action": action, "by": actor, "when": datetime.now(UTC).isoformat(), **details}


def record_publication(profile_uid: str, source: str, actor: str, public_languages) -> None:
    """An act published (or updated) the profile ``profile_uid`` from the record ``source``."""
    register = _register(create=True)
    entry = register.get(profile_uid)
    if entry is None:
        entry = PersistentMapping(source=source, acts=[])
    entry["source"] = source
    entry["live"] = True
    entry["public_languages"] = sorted(public_languages)
    entry["acts"] = [*entry["acts"], _act("published", actor)]
    register[profile_uid] = entry


def record_retraction(profile_uid: str, actor: str, reason: str, public_languages) -> None:
    """An act took the profile off the public site; ``public_languages`` were public until now."""
    register = _register(create=True)
    entry = register.get(profile_uid)
    if entry is None:
        return
    entry["live"] = False
    if public_languages:
        entry["public_languages"] = sorted(public_languages)
    entry["acts"] = [*entry["acts"], _act("retracted", actor, reason=reason)]
    register[profile_uid] = entry


def provenance(profile_uid: str) -> Provenance | None:
    """The record of a canonical profile, by its uid."""
    register = _register()
    entry = register.get(profile_uid) if register is not None else None
    return _as_provenance(profile_uid, entry) if entry is not None else None


def provenance_of(profile) -> Provenance | None:
    """The record of a profile or of any of its translations (None: no act stands behind it)."""
    register = _register()
    if register is None:
        return None
    for uid in group_uids(profile):
        if uid in register:
            return _as_provenance(uid, register[uid])
    return None


def group_uids(profile) -> list[str]:
    """The uids of the profile and of its translations (the profile's own first)."""
    own = api.content.get_uuid(profile)
    others = [api.content.get_uuid(item) for item in ITranslationManager(profile).get_translations().values()]
    return [own, *(uid for uid in others if uid != own)]


def all_provenance() -> Iterator[Provenance]:
    register = _register()
    for uid, entry in (register or {}).items():
        yield _as_provenance(uid, entry)


def is_canonical(profile) -> bool:
    """Whether this profile is the one an act created (not a translation of it)."""
    return provenance(api.content.get_uuid(profile)) is not None

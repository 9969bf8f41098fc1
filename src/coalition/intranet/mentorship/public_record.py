"""The public record of mentorship: a whitelisted copy made by a coordinator's recorded act.

A ``Mentor`` stays in ``/intranet/mentorship``. ``publish_mentor`` copies exactly ``PUBLIC_MENTOR_FIELDS``
(name, function, parliament or body, party, country, the statement in each language, the photo re-encoded
without metadata) into the register of public mentors (a site annotation, never catalogued, never served as
content); ``withdraw_mentor`` deletes that copy. Both acts are in the audit log. An edit of the private
record changes nothing public until the next act. Contact data and notes are not in the whitelist, so no
public page, feed or export can reach them.

The public pages add, live, only what other acts made public:
- the mentor's *active* mentorships of prisoners whose public profile is live (``public.api.profile_is_live``)
  and published in the reader's language: a retracted profile vanishes from mentor pages at once;
- the actions of those mentorships that are public and approved (kind, date, text; never the attachment).
"""

from BTrees.OOBTree import OOBTree
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.mentorship import actions as mentor_actions
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import registry
from coalition.intranet.public.boundary.photos import reencode
from coalition.intranet.security import api as audit
from coalition.intranet.site.api import site_languages
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from io import BytesIO
import logging
from persistent.mapping import PersistentMapping
from plone import api
from plone.i18n.normalizer import idnormalizer
from plone.memoize import ram
from plone.namedfile.file import NamedBlobImage
from zope.annotation.interfaces import IAnnotations


logger = logging.getLogger(__name__)

REGISTER_KEY = "coalition.mentorship.public_mentors"
# The fields of a Mentor that may become public (statements: ``statement_<language>``).
PUBLIC_MENTOR_FIELDS = ("name", "function", "body", "party", "country", "statements", "photo")
PHOTO_MAX_SIZE = (600, 800)


class MentorRecordRefused(CoalitionError):
    """An act on a mentor's public record that cannot be taken; nothing changed."""


@dataclass(frozen=True)
class PublicMentor:
    """A mentor as the public sees it: only whitelisted fields."""

    uid: str
    slug: str
    name: str
    function: str
    body: str
    party: str
    country: str
    statements: dict = field(default_factory=dict)
    has_photo: bool = False
    published_on: object = None

    def statement(self, language: str) -> str:
        return self.statements.get(language, "")


@dataclass(frozen=True)
class PublicAction:
    kind: str
    date: date
    text: str


@dataclass(frozen=True)
class PublicMentorship:
    """An active mentorship on the public side: the mentor, the profile in the reader's language, actions."""

    mentor: PublicMentor
    profile: object
    since: object
    actions: tuple = ()


def _register(create: bool = False):
    annotations = IAnnotations(api.portal.get())
    if REGISTER_KEY not in annotations and create:
        annotations[REGISTER_KEY] = OOBTree()
    return annotations.get(REGISTER_KEY)


def _slug_for(name: str, uid: str) -> str:
    register = _register() or {}
    taken = {entry["slug"] for key, entry in register.items() if key != uid}
    base = idnormalizer.normalize(name) or "mentor"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _photo_copy(mentor):
    image = getattr(mentor, "image", None)
    if image is None or not getattr(image, "size", 0):
        return None
    try:
        data, content_type = reencode(image.data)
        from PIL import Image

        picture = Image.open(BytesIO(data))
        picture.thumbnail(PHOTO_MAX_SIZE)
        buffer = BytesIO()
        picture.convert("RGB").save(buffer, "JPEG", quality=85)
    except Exception:  # a photo Pillow cannot read is not published
        logger.warning("The photo of mentor %s could not be read; published without it.", mentor.getId())
        return None
    return NamedBlobImage(buffer.getvalue(), contentType="image/jpeg", filename="mentor.jpg")


def publish_mentor(mentor) -> PublicMentor:
    """The act: copy the whitelisted fields of ``mentor`` into the public register (again after an edit)."""
    lifecycle.check_may_manage(mentor)
    missing = [name for name in ("name", "function", "body", "country") if not getattr(mentor, name, None)]
    if missing:
        raise MentorRecordRefused(
            _("error_mentor_record_incomplete", default="Name, function, parliament or body and country are needed.")
        )
    uid = api.content.get_uuid(mentor)
    register = _register(create=True)
    statements = {
        language: (getattr(mentor, f"statement_{language}", None) or "").strip() for language in site_languages()
    }
    register[uid] = PersistentMapping(
        slug=register[uid]["slug"] if uid in register else _slug_for(mentor.name, uid),
        name=mentor.name.strip(),
        function=mentor.function,
        body=mentor.body.strip(),
        party=(getattr(mentor, "party", None) or "").strip(),
        country=mentor.country,
        statements={language: text for language, text in statements.items() if text},
        photo=_photo_copy(mentor),
        published_on=datetime.now(),
    )
    audit.record("mentor.published", mentor, actor=lifecycle._actor())
    _reindex_profiles_of(uid)
    return public_mentor_by_uid(uid)


def withdraw_mentor(mentor, reason: str = "") -> None:
    """The act: delete the mentor's public copy; their mentorships leave the public pages with it."""
    lifecycle.check_may_manage(mentor)
    uid = api.content.get_uuid(mentor)
    register = _register()
    if register is None or uid not in register:
        raise MentorRecordRefused(_("error_mentor_not_public", default="This mentor has no public record."))
    del register[uid]
    audit.record("mentor.withdrawn", mentor, actor=lifecycle._actor(), reason=reason)
    _reindex_profiles_of(uid)


def _reindex_profiles_of(mentor_uid: str) -> None:
    for mentorship in registry.mentorships(mentor_uid=mentor_uid, states=("active",)):
        profiles.reindex_profile(mentorship.profile_uid)


def _as_public(uid: str, entry) -> PublicMentor:
    return PublicMentor(
        uid=uid,
        slug=entry["slug"],
        name=entry["name"],
        function=entry["function"],
        body=entry["body"],
        party=entry["party"],
        country=entry["country"],
        statements=dict(entry["statements"]),
        has_photo=entry.get("photo") is not None,
        published_on=entry["published_on"],
    )


def is_public(mentor_uid: str) -> bool:
    register = _register()
    return register is not None and mentor_uid in register


def public_mentor_by_uid(uid: str) -> PublicMentor | None:
    register = _register()
    entry = register.get(uid) if register is not None else None
    return _as_public(uid, entry) if entry is not None else None


def public_mentor_by_slug(slug: str) -> PublicMentor | None:
    for mentor in public_mentors():
        if mentor.slug == slug:
            return mentor
    return None


def public_photo(slug: str):
    register = _register() or {}
    for entry in register.values():
        if entry["slug"] == slug:
            return entry.get("photo")
    return None


def public_mentors() -> list[PublicMentor]:
    """Every mentor with a public record, by name."""
    register = _register() or {}
    return sorted((_as_public(uid, entry) for uid, entry in register.items()), key=lambda m: m.name.lower())


def public_mentors_state() -> int:
    """A value that changes whenever the register of public mentors does (a publication, a new act after an
    edit, a withdrawal): caches of pages built from it add it to their keys, as the register is not in the
    catalog."""
    register = _register() or {}
    return hash(tuple(sorted((uid, entry["slug"], str(entry["published_on"])) for uid, entry in register.items())))


def public_actions(mentorship) -> tuple:
    """The public, approved actions of a mentorship, newest first (kind, date, text only)."""
    return tuple(
        PublicAction(kind=action.kind, date=action.date, text=action.text)
        for action in registry.actions_of(mentorship)
        if mentor_actions.is_public(action)
    )


def public_mentorships_of_mentor(mentor: PublicMentor, language: str) -> list[PublicMentorship]:
    """The mentor's active mentorships of prisoners public in ``language``, longest first."""
    found = []
    for mentorship in registry.mentorships(mentor_uid=mentor.uid, states=("active",)):
        profile = profiles.translation_in(mentorship.profile_uid, language)
        if profile is not None:
            found.append(PublicMentorship(mentor, profile, mentorship.started_on, public_actions(mentorship)))
    return sorted(found, key=lambda item: item.since or date.min)


def public_prisoners_by_mentor(language: str) -> dict[str, list]:
    """Mentor uid -> the catalog entries of the prisoners they mentor (active mentorships) whose profile is live
    and published in ``language``, by name: for the overview of every mentor, in three catalog queries however
    many mentors there are (one lookup per mentor cost a second at 500 mentors)."""
    catalog = api.portal.get_tool("portal_catalog")
    mentor_index = catalog._catalog.getIndex("mentorship_mentor")
    prisoner_index = catalog._catalog.getIndex("mentorship_prisoner")
    pairs = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Mentorship", review_state="active"):
        rid = brain.getRID()
        mentor_uid = mentor_index.getEntryForObject(rid, None)
        profile_uid = prisoner_index.getEntryForObject(rid, None)
        if mentor_uid and profile_uid and profiles.is_live(profile_uid):
            pairs.append((mentor_uid, profile_uid))
    if not pairs:
        return {}
    groups = {
        brain.UID: brain.TranslationGroup
        for brain in catalog.unrestrictedSearchResults(UID=sorted({uid for _m, uid in pairs}))
    }
    in_language = {
        brain.TranslationGroup: brain
        for brain in catalog.unrestrictedSearchResults(
            portal_type="PrisonerProfile",
            TranslationGroup=sorted({group for group in groups.values() if group}),
            Language=language,
            review_state="published",
        )
    }
    found: dict[str, list] = {}
    for mentor_uid, profile_uid in pairs:
        brain = in_language.get(groups.get(profile_uid))
        if brain is not None:
            found.setdefault(mentor_uid, []).append(brain)
    for brains in found.values():
        brains.sort(key=lambda brain: brain.Title or "")
    return found


def public_mentorships_of_profile(profile_uid: str) -> list[PublicMentorship]:
    """The active mentorships of a (canonical) profile whose mentor is public, when the profile is live;
    ``profile`` is left None (the caller has the profile)."""
    if not profiles.is_live(profile_uid):
        return []
    found = []
    for mentorship in registry.mentorships(profile_uid=profile_uid, states=("active",)):
        mentor = public_mentor_by_uid(mentorship.mentor_uid)
        if mentor is not None:
            found.append(PublicMentorship(mentor, None, mentorship.started_on, public_actions(mentorship)))
    return sorted(found, key=lambda item: item.since or date.min)


def _rows_cachekey(method, language: str):
    # Public data only, the same for everyone: built again when the catalog (mentorships, actions, profiles)
    # or the register of public mentors (not catalogued) changes.
    return (language, api.portal.get_tool("portal_catalog").getCounter(), public_mentors_state())


@ram.cache(_rows_cachekey)
def public_mentorship_rows(language: str) -> list[dict]:
    """Every public mentorship in ``language`` as a flat row (open data): public fields only."""
    rows = []
    for mentor in public_mentors():
        for item in public_mentorships_of_mentor(mentor, language):
            rows.append(
                {
                    "mentor": mentor.name,
                    "function": mentor.function,
                    "body": mentor.body,
                    "party": mentor.party,
                    "country": mentor.country,
                    "prisoner": item.profile.Title(),
                    "prisoner_id": _translation_group(item.profile),
                    "since": item.since.isoformat() if item.since else "",
                    "public_actions": len(item.actions),
                }
            )
    return rows


def _translation_group(profile) -> str:
    from plone.app.multilingual.interfaces import ITG

    return ITG(profile, None) or ""

"""The small public API of the public website: storing, updating and retracting prisoner profiles.

It receives plain whitelisted data (decided by ``cases/publication.py``) and never sees a case file.
"""

from coalition.intranet.public.boundary import provenance
from coalition.intranet.public.profile.public_data import FACTS_FROM_THE_CASE
from coalition.intranet.site.api import language_root
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import createContentInContainer
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


# The creator every profile names publicly: the coalition, not a member.
PUBLIC_CREATOR = "coalition"
# What an act of publication writes on a profile: the facts copied from the case.
PROFILE_FIELDS = FACTS_FROM_THE_CASE


def profile_by_uid(uid: str):
    return api.content.get(UID=uid) if uid else None


def upsert_profile(data: dict, uid: str | None = None, *, source: str, actor: str = ""):
    """Carry out an act of publication: create (in the default language's ``prisoners``) or update the
    profile ``uid`` from the record ``source``, publish it, and record the act (``provenance``).

    Only keys of ``PROFILE_FIELDS`` are accepted. Translations that were public before a retraction become
    public again; drafts stay drafts. Runs with the rights of the act: the caller (cases/publication.py)
    has checked who may publish.
    """
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not a public profile field: {sorted(unknown)}")
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        profile = _unrestricted(uid) if uid else None
        if profile is None:
            container = language_root(api.portal.get(), DEFAULT_LANGUAGE)["prisoners"]
            # Added under the name chosen from its title, as the add form does. plone.api's create-then-rename
            # would queue the unindexing of a temporary path never catalogued: an ERROR in the log every time.
            profile = createContentInContainer(
                container,
                "PrisonerProfile",
                checkConstraints=True,
                title=data["title"],
                story=RichTextValue("", "text/html", "text/x-html-safe"),
            )
            ILanguage(profile).set_language(DEFAULT_LANGUAGE)
            make_anonymous(profile)
        for name, value in data.items():
            setattr(profile, name, value)
        notify(ObjectModifiedEvent(profile))
        profile.reindexObjectSecurity()
        uid = api.content.get_uuid(profile)
        record = provenance.provenance(uid)
        # Back after a retraction: the languages that were public then. An update of a live profile
        # leaves its translations as editors left them.
        languages_to_publish = {DEFAULT_LANGUAGE}
        if record is not None and not record.live:
            languages_to_publish.update(record.public_languages)
        published = []
        for language, item in translations_by_language(profile).items():
            if language in languages_to_publish and api.content.get_state(item) != "published":
                api.content.transition(item, to_state="published")
            if api.content.get_state(item) == "published":
                published.append(language)
            item.reindexObject()
        provenance.record_publication(uid, source, actor, published)
    return profile


def profile_is_live(uid: str | None) -> bool:
    """Whether the act that published the profile ``uid`` stands (not retracted since)."""
    record = provenance.provenance(uid) if uid else None
    return record is not None and record.live


def public_languages(profile) -> list[str]:
    """The languages in which the profile (or its translation) is published."""
    return sorted(
        language
        for language, item in translations_by_language(profile).items()
        if api.content.get_state(item) == "published"
    )


def make_anonymous(profile) -> None:
    """The member who published or translated is neither the profile's owner nor named as its creator:
    public metadata (REST ``Creator``, feeds) must not point at an intranet member, and edits go through
    editors or a new act of publication. The rule itself holds for every public item (``anonymity.py``)."""
    from coalition.intranet.public.boundary.anonymity import anonymise

    anonymise(profile)


def _unrestricted(uid: str):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def translations_of(profile) -> list:
    """The profile and all its translations."""
    return list(translations_by_language(profile).values())


def translations_by_language(profile) -> dict:
    """``{language: item}`` for the profile and all its translations."""
    found = dict(ITranslationManager(profile).get_translations())
    return found or {ILanguage(profile).get_language(): profile}


def retract_profile(uid: str, reason: str = "", actor: str = "") -> int:
    """An act of retraction: take the profile off the public site in every language at once, purge it from
    caches and record the act; returns how many languages were retracted."""
    retracted = []
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        profile = _unrestricted(uid)
        if profile is None:
            return 0
        for language, item in translations_by_language(profile).items():
            if api.content.get_state(item) == "published":
                api.content.transition(item, to_state="retracted")
                retracted.append(language)
            item.reindexObject()
            _purge(item)
        provenance.record_retraction(uid, actor, reason, retracted)
    return len(retracted)


def _purge(item) -> None:
    """Ask caching proxies to drop the page (plone.app.caching purges on this event when purging is on)."""
    from z3c.caching.purge import Purge

    notify(Purge(item))


def add_profile_translation(
    profile, language: str, title: str, story_html: str = "", interests: str = "", publish: bool = True
):
    """Add the ``language`` translation of a profile: language-independent facts are copied by
    plone.app.multilingual, the name and texts are this language's. Published when the source is, unless
    ``publish`` is False (a draft, as a translator leaves it)."""
    manager = ITranslationManager(profile)
    if manager.has_translation(language):
        raise ValueError(f"The profile is already translated into {language}.")
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        manager.add_translation(language)
        translation = manager.get_translation(language)
        translation.title = title
        translation.story = RichTextValue(story_html, "text/html", "text/x-html-safe")
        translation.interests = interests
        make_anonymous(translation)
        if publish and api.content.get_state(profile) == "published":
            api.content.transition(translation, to_state="published")
        translation.reindexObject()
    return translation

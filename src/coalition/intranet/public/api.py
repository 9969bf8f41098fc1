"""The small public API of the public website: storing, updating and retracting prisoner profiles.

It receives plain whitelisted data (decided by ``cases/publication.py``) and never sees a case file.
"""

from coalition.intranet.site.api import language_root
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


# The creator every profile names publicly: the coalition, not a member.
PUBLIC_CREATOR = "coalition"
PROFILE_FIELDS = (
    "title",
    "name_ru",
    "birth_year",
    "date_of_birth",
    "gender",
    "region",
    "articles",
    "status",
    "date_of_detention",
    "expected_release",
    "sentence",
    "place_of_detention",
    "recognised_on",
    "criteria_version",
    "category",
    "case_categories",
)


def profile_by_uid(uid: str):
    return api.content.get(UID=uid) if uid else None


def upsert_profile(data: dict, uid: str | None = None):
    """Create (in the default language's ``prisoners``) or update the profile ``uid``, then publish it.

    Only keys of ``PROFILE_FIELDS`` are accepted. Runs with the rights of the publication act: the caller
    (cases/publication.py) has checked who may publish.
    """
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not a public profile field: {sorted(unknown)}")
    with api.env.adopt_roles(["Manager"]):
        profile = _unrestricted(uid) if uid else None
        if profile is None:
            container = language_root(api.portal.get(), DEFAULT_LANGUAGE)["prisoners"]
            profile = api.content.create(
                container=container,
                type="PrisonerProfile",
                title=data["title"],
                story=RichTextValue("", "text/html", "text/x-html-safe"),
            )
            ILanguage(profile).set_language(DEFAULT_LANGUAGE)
            make_anonymous(profile)
        for name, value in data.items():
            setattr(profile, name, value)
        notify(ObjectModifiedEvent(profile))
        profile.reindexObjectSecurity()
        for item in translations_of(profile):
            if api.content.get_state(item) != "published":
                api.content.transition(item, to_state="published")
            item.reindexObject()
    return profile


def make_anonymous(profile) -> None:
    """The member who published or translated is neither the profile's owner nor named as its creator:
    public metadata (REST ``Creator``, feeds) must not point at an intranet member, and edits go through
    editors or a new act of publication."""
    for principal, roles in profile.get_local_roles():
        if "Owner" in roles:
            profile.manage_delLocalRoles([principal])
    # An empty list would be refilled with the current user on the next reindex.
    profile.setCreators((PUBLIC_CREATOR,))


def _unrestricted(uid: str):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def translations_of(profile) -> list:
    """The profile and all its translations."""
    return list(ITranslationManager(profile).get_translations().values()) or [profile]


def retract_profile(uid: str) -> int:
    """Take the profile off the public site in every language at once; returns how many were retracted."""
    retracted = 0
    with api.env.adopt_roles(["Manager"]):
        profile = _unrestricted(uid)
        if profile is None:
            return 0
        for item in translations_of(profile):
            if api.content.get_state(item) == "published":
                api.content.transition(item, to_state="retracted")
                retracted += 1
            item.reindexObject()
            _purge(item)
    return retracted


def _purge(item) -> None:
    """Ask caching proxies to drop the page (plone.app.caching purges on this event when purging is on)."""
    from z3c.caching.purge import Purge

    notify(Purge(item))


def add_profile_translation(profile, language: str, title: str, story_html: str = "", interests: str = ""):
    """Add the ``language`` translation of a profile: language-independent facts are copied by
    plone.app.multilingual, the name and texts are this language's. Published when the source is."""
    manager = ITranslationManager(profile)
    if manager.has_translation(language):
        raise ValueError(f"The profile is already translated into {language}.")
    with api.env.adopt_roles(["Manager"]):
        manager.add_translation(language)
        translation = manager.get_translation(language)
        translation.title = title
        translation.story = RichTextValue(story_html, "text/html", "text/x-html-safe")
        translation.interests = interests
        make_anonymous(translation)
        if api.content.get_state(profile) == "published":
            api.content.transition(translation, to_state="published")
        translation.reindexObject()
    return translation

"""The small public API of mentorship: what other concerns (the profile page, the front page, the list) ask.

Everything returned here is public data only (``public_record.py``).
"""

from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import seeking
from coalition.intranet.mentorship.public_record import PublicAction
from coalition.intranet.mentorship.public_record import PublicMentor
from coalition.intranet.mentorship.public_record import PublicMentorship


__all__ = [
    "PublicAction",
    "PublicMentor",
    "PublicMentorship",
    "action_kind_label",
    "active_mentorships_of_profile",
    "country_name",
    "function_label",
    "mentor_status",
    "offer_url",
    "prisoners_seeking_mentor",
    "public_mentor_pages",
    "public_mentors",
    "public_mentors_state",
]


def active_mentorships_of_profile(profile) -> list[PublicMentorship]:
    """The active mentorships of a public profile (any translation) whose mentor is public: mentor, since, and
    the public approved actions. Empty when the profile's act was retracted."""
    uid = profiles.canonical_uid(profile)
    return public_record.public_mentorships_of_profile(uid) if uid else []


def prisoners_seeking_mentor(language: str, limit: int | None = None, region=None, category=None) -> list:
    """Public profiles in ``language`` seeking a mentor, longest wait first (see ``seeking.py``)."""
    return seeking.prisoners_seeking_mentor(language, limit=limit, region=region, category=category)


def mentor_status(profile) -> str:
    """``has``, ``seeks`` or ``none`` (the public list's filter)."""
    return seeking.mentor_status(profile)


def public_mentors() -> list[PublicMentor]:
    return public_record.public_mentors()


def public_mentors_state() -> int:
    """Changes whenever the register of public mentors does (for cache keys: it is not in the catalog)."""
    return public_record.public_mentors_state()


def public_mentor_pages(language_roots: dict) -> list[tuple[PublicMentor, dict[str, str]]]:
    """Every public mentor with the URL of their page in each language (``{language: root}``) whose public
    mentorship section exists (the sitemap lists them)."""
    from coalition.intranet.mentorship.registry import SECTION_ID

    sections = {
        language: root[SECTION_ID].absolute_url() for language, root in language_roots.items() if SECTION_ID in root
    }
    return [
        (mentor, {language: f"{url}/@@mentor/{mentor.slug}" for language, url in sections.items()})
        for mentor in public_record.public_mentors()
    ]


def function_label(code: str):
    """The translatable label of a mentor's function."""
    from coalition.intranet.mentorship.vocabularies import FUNCTIONS

    return dict(FUNCTIONS).get(code, code or "")


def action_kind_label(code: str):
    """The translatable label of a kind of action."""
    from coalition.intranet.mentorship.vocabularies import ACTION_KINDS

    return dict(ACTION_KINDS).get(code, code or "")


def country_name(code: str, language: str) -> str:
    from coalition.intranet.mentorship.vocabularies import country_name as name

    return name(code, language)


def offer_url(mentorship_section_url: str, profile) -> str:
    """The offer form on the page of prisoners seeking a mentor, with ``profile``'s prisoner chosen."""
    uid = profiles.canonical_uid(profile)
    return f"{mentorship_section_url}/@@prisoners-seeking-mentor?prisoner={uid}#offer"

"""Vocabularies of the mentorship concern: values are stable codes, titles translatable labels.

The vocabularies naming mentors and prisoners answer only to mentorship coordinators: plone.restapi's
``@vocabularies`` lists any named vocabulary, and an unpublished mentor's name is not public.
"""

from coalition.intranet import _
from coalition.intranet.site.api import site_languages
from plone import api
from zope.i18n.locales import locales
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


MANAGE = "coalition: Manage mentorships"

FUNCTIONS = (
    ("mep", _("mentor_function_mep", default="Member of the European Parliament")),
    ("national_mp", _("mentor_function_national_mp", default="Member of a national parliament")),
    ("regional_deputy", _("mentor_function_regional_deputy", default="Member of a regional parliament")),
    ("mayor", _("mentor_function_mayor", default="Mayor")),
    ("public_figure", _("mentor_function_public_figure", default="Public figure")),
)
ACTION_KINDS = (
    ("letter_to_prisoner", _("action_kind_letter_to_prisoner", default="Letter to the prisoner")),
    ("letter_to_authorities", _("action_kind_letter_to_authorities", default="Letter to authorities or an embassy")),
    ("public_statement", _("action_kind_public_statement", default="Public statement")),
    ("parliamentary", _("action_kind_parliamentary", default="Parliamentary question or speech")),
    ("trial_observation", _("action_kind_trial_observation", default="Trial observation")),
    ("visit_attempt", _("action_kind_visit_attempt", default="Visit attempt")),
    ("media", _("action_kind_media", default="Media work")),
    ("aid", _("action_kind_aid", default="Aid")),
)
VISIBILITIES = (
    ("public", _("action_visibility_public", default="Public (after approval)")),
    ("internal", _("action_visibility_internal", default="Internal")),
)
END_REASONS = (
    ("released", _("end_reason_released", default="The prisoner was released")),
    ("handed_over", _("end_reason_handed_over", default="Handed over to a successor")),
    ("withdrawn", _("end_reason_withdrawn", default="Withdrawn")),
    ("died", _("end_reason_died", default="The prisoner died")),
)
# Council of Europe members and the EU's neighbours whose politicians mentor (ISO 3166 codes).
COUNTRIES = [
    "AL",
    "AD",
    "AM",
    "AT",
    "AZ",
    "BE",
    "BA",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "GE",
    "DE",
    "GR",
    "HU",
    "IS",
    "IE",
    "IT",
    "LV",
    "LI",
    "LT",
    "LU",
    "MT",
    "MD",
    "MC",
    "ME",
    "NL",
    "MK",
    "NO",
    "PL",
    "PT",
    "RO",
    "SM",
    "RS",
    "SK",
    "SI",
    "ES",
    "SE",
    "CH",
    "TR",
    "UA",
    "GB",
]


def _vocabulary(items) -> SimpleVocabulary:
    return SimpleVocabulary([SimpleTerm(value, token=value, title=title) for value, title in items])


def country_name(code: str, language: str = "en") -> str:
    """The name of a country in ``language`` (from the CLDR data of zope.i18n), else the code."""
    try:
        names = locales.getLocale(language or "en").displayNames.territories
    except Exception:  # an unknown locale: no names
        names = {}
    return names.get(code) or code


@provider(IVocabularyFactory)
def functions(context=None):
    return _vocabulary(FUNCTIONS)


@provider(IVocabularyFactory)
def action_kinds(context=None):
    return _vocabulary(ACTION_KINDS)


@provider(IVocabularyFactory)
def action_visibility(context=None):
    return _vocabulary(VISIBILITIES)


@provider(IVocabularyFactory)
def end_reasons(context=None):
    return _vocabulary(END_REASONS)


@provider(IVocabularyFactory)
def countries(context=None):
    return _vocabulary(sorted(((code, country_name(code)) for code in COUNTRIES), key=lambda item: item[1]))


@provider(IVocabularyFactory)
def languages(context=None):
    return _vocabulary((language, language) for language in site_languages())


def may_manage(context=None) -> bool:
    """Whether the current user manages mentorships (checked on the mentorship section)."""
    from coalition.intranet.mentorship.registry import mentorship_section

    section = mentorship_section()
    return section is not None and api.user.has_permission(MANAGE, obj=section)


@provider(IVocabularyFactory)
def mentors(context=None):
    """Every mentor, by name, for coordinators only."""
    if not may_manage(context):
        return SimpleVocabulary([])
    from coalition.intranet.mentorship.registry import all_mentors

    return _vocabulary(sorted(((m.UID(), m.Title()) for m in all_mentors()), key=lambda item: item[1]))

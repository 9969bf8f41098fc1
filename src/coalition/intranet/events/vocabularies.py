"""Vocabularies of event facts: kinds, countries, organisers, prisoners and campaigns.

Every value is a code that means the same in every language (filters and the REST API use it); the
titles are translated. The prisoner and campaign vocabularies list only what Anonymous may read in the
default language: a plan cannot link a draft or retracted profile.
"""

from coalition.intranet import _
from coalition.intranet.public import facts
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from coalition.intranet.workspaces.directory import member_organisations
from plone import api
from zope.globalrequest import getRequest
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


KINDS = {
    "exhibition": _("event_kind_exhibition", default="Exhibition"),
    "letter_writing": _("event_kind_letter_writing", default="Letter-writing evening"),
    "concert": _("event_kind_concert", default="Concert"),
    "reading": _("event_kind_reading", default="Reading"),
    "screening": _("event_kind_screening", default="Screening"),
    "solidarity_day": _("event_kind_solidarity_day", default="Solidarity day"),
    "discussion": _("event_kind_discussion", default="Discussion"),
}

# Where member organisations hold events (ISO 3166 codes); names come from the reader's locale.
COUNTRIES = (
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GE", "GR", "HR", "HU", "IE",
    "IS", "IT", "LT", "LU", "LV", "MD", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "UA",
)  # fmt: skip
ONLINE = "online"


def country_name(code: str, language: str) -> str:
    """The name of the country ``code`` in ``language`` (the code when the locale has none)."""
    if code == ONLINE:
        return facts.tr(_("event_country_online", default="Online"), language)
    locale = facts.reader_locale(language)
    try:
        return locale.displayNames.territories[code]
    except (AttributeError, KeyError, TypeError):
        return code


def request_language() -> str:
    request = getRequest()
    language = request.get("LANGUAGE") if request is not None else None
    return (language or DEFAULT_LANGUAGE).split("-")[0]


@provider(IVocabularyFactory)
def kinds(context=None):
    return SimpleVocabulary([SimpleTerm(code, code, title) for code, title in KINDS.items()])


@provider(IVocabularyFactory)
def countries(context=None):
    language = request_language()
    terms = [SimpleTerm(code, code, country_name(code, language)) for code in (*COUNTRIES, ONLINE)]
    return SimpleVocabulary(sorted(terms, key=lambda term: term.title))


@provider(IVocabularyFactory)
def organisations(context=None):
    """The member organisations by id, named as on the public "about" page."""
    return SimpleVocabulary(
        [SimpleTerm(entry["id"], entry["id"], entry["title"]) for entry in member_organisations(DEFAULT_LANGUAGE)]
    )


def _published_groups(portal_type: str, path: str | None = None) -> SimpleVocabulary:
    """Published items of ``portal_type`` in the default language, by translation group, as Anonymous sees them."""
    query = {"portal_type": portal_type, "review_state": "published", "Language": DEFAULT_LANGUAGE}
    if path:
        query["path"] = path
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Anonymous"]):
        brains = catalog.searchResults(sort_on="sortable_title", **query)
    terms = {}
    for brain in brains:
        group = brain.TranslationGroup
        if group and group not in terms:
            terms[group] = SimpleTerm(group, group, brain.Title)
    return SimpleVocabulary(list(terms.values()))


@provider(IVocabularyFactory)
def live_prisoners(context=None):
    """The prisoners whose profile is public (the act stands), by translation group."""
    return _published_groups("PrisonerProfile", facts.public_profiles_query(DEFAULT_LANGUAGE)["path"])


@provider(IVocabularyFactory)
def campaigns(context=None):
    """Published campaigns, by translation group (the ``Campaign`` type of the campaigns concern)."""
    return _published_groups("Campaign")

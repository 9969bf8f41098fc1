"""Vocabularies of campaigns, supporters and statements: stable values, translated titles."""

from coalition.intranet import _
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.public.facts import reader_locale
from coalition.intranet.workspaces.directory import member_organisations
from plone import api
from zope.globalrequest import getRequest
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


SUPPORTER_ROLES = (
    ("politician", _("supporter_role_politician", default="Politician")),
    ("artist", _("supporter_role_artist", default="Artist")),
    ("academic", _("supporter_role_academic", default="Academic")),
    ("journalist", _("supporter_role_journalist", default="Journalist")),
    ("citizen", _("supporter_role_citizen", default="Citizen")),
)
ROLE_PLURALS = {
    "politician": _("supporter_roles_politician", default="Politicians"),
    "artist": _("supporter_roles_artist", default="Artists"),
    "academic": _("supporter_roles_academic", default="Academics"),
    "journalist": _("supporter_roles_journalist", default="Journalists"),
    "citizen": _("supporter_roles_citizen", default="Citizens"),
}
STATEMENT_KINDS = (
    ("position", _("statement_kind_position", default="Position of the coalition")),
    ("joint_appeal", _("statement_kind_joint_appeal", default="Joint appeal")),
)
# Where supporters come from: Europe first of all, and the countries readers of the site write from most.
# Names come from the reader's locale (CLDR), so the list reads naturally in every site language.
COUNTRIES = (
    "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "BY", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
    "FR", "GB", "GE", "GR", "HR", "HU", "IE", "IL", "IS", "IT", "KZ", "LI", "LT", "LU", "LV", "MD", "ME",
    "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "TR", "UA", "US",
)  # fmt: skip
OTHER_COUNTRY = "other"


def _vocabulary(items) -> SimpleVocabulary:
    return SimpleVocabulary([SimpleTerm(value, token=value, title=title) for value, title in items])


def request_language() -> str:
    request = getRequest()
    language = request.get("LANGUAGE", "") if request is not None else ""
    return language or api.portal.get_registry_record("plone.default_language", default="en") or "en"


def country_name(code: str, language: str) -> str:
    """The name of a country in ``language`` (the code when the locale has none)."""
    if code == OTHER_COUNTRY:
        from coalition.intranet.public.facts import tr

        return tr(_("country_other", default="Another country"), language)
    locale = reader_locale(language)
    territories = getattr(getattr(locale, "displayNames", None), "territories", None) or {}
    return territories.get(code, code)


@provider(IVocabularyFactory)
def supporter_roles(context=None) -> SimpleVocabulary:
    return _vocabulary(SUPPORTER_ROLES)


@provider(IVocabularyFactory)
def statement_kinds(context=None) -> SimpleVocabulary:
    return _vocabulary(STATEMENT_KINDS)


def country_items(language: str) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by the name in ``language``; "another country" last."""
    items = sorted(((code, country_name(code, language)) for code in COUNTRIES), key=lambda item: item[1])
    return [*items, (OTHER_COUNTRY, country_name(OTHER_COUNTRY, language))]


@provider(IVocabularyFactory)
def countries(context=None) -> SimpleVocabulary:
    return _vocabulary(country_items(request_language()))


@provider(IVocabularyFactory)
def public_prisoners(context=None) -> SimpleVocabulary:
    """Published profiles in the default language; the value is the translation group (the same person in
    every language), so the link survives translation and follows the profile's publication."""
    default_language = api.portal.get_registry_record("plone.default_language", default="en") or "en"
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(sort_on="sortable_title", **public_profiles_query(default_language))
    terms = []
    for brain in brains:
        if brain.TranslationGroup:
            terms.append(SimpleTerm(brain.TranslationGroup, token=brain.TranslationGroup, title=brain.Title))
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def organisations(context=None) -> SimpleVocabulary:
    """The member organisations (their public names) that can sign a statement."""
    return _vocabulary((org["id"], org["title"]) for org in member_organisations(request_language()))

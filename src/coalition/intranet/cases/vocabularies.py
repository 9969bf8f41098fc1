"""Vocabularies of case files: the values are stable ids, the titles translatable labels."""

from coalition.intranet import _
from coalition.intranet.cases.articles import CRIMINAL_CODE_ARTICLES
from coalition.intranet.cases.regions import REGIONS
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items) -> SimpleVocabulary:
    return SimpleVocabulary([SimpleTerm(value, token=value, title=title) for value, title in items])


DETENTION_STATUSES = (
    ("pre_trial_custody", _("status_pre_trial_custody", default="Pre-trial custody")),
    ("house_arrest", _("status_house_arrest", default="House arrest")),
    ("serving_sentence", _("status_serving_sentence", default="Serving a sentence")),
    ("released", _("status_released", default="Released")),
    ("deceased", _("status_deceased", default="Deceased")),
    ("emigrated", _("status_emigrated", default="Emigrated")),
)
GENDERS = (
    ("female", _("gender_female", default="Female")),
    ("male", _("gender_male", default="Male")),
    ("other", _("gender_other", default="Other")),
    ("unknown", _("gender_unknown", default="Not stated")),
)
RISK_LEVELS = (
    ("low", _("risk_low", default="Low")),
    ("medium", _("risk_medium", default="Medium")),
    ("high", _("risk_high", default="High: publication could endanger people")),
)
PUBLICATION_CONSENTS = (
    ("none", _("consent_none", default="No consent")),
    ("family", _("consent_family", default="The family consented")),
    ("public_figure", _("consent_public_figure", default="Public figure: consent not required")),
    ("withdrawn", _("consent_withdrawn", default="Consent withdrawn")),
)
# Thematic categories of cases, as the public list groups them (not the A/B category of a recognition).
CASE_CATEGORIES = (
    ("anti_war", _("case_category_anti_war", default="Anti-war")),
    ("religious", _("case_category_religious", default="Religious")),
    ("journalists", _("case_category_journalists", default="Journalists")),
    ("civic_activists", _("case_category_civic_activists", default="Civic activists")),
    ("politicians", _("case_category_politicians", default="Opposition politicians")),
    ("ukrainians", _("case_category_ukrainians", default="Citizens of Ukraine")),
    ("crimean_tatars", _("case_category_crimean_tatars", default="Crimean Tatars")),
    ("scientists", _("case_category_scientists", default="Scientists")),
    ("artists", _("case_category_artists", default="Artists and writers")),
    ("lgbt", _("case_category_lgbt", default="LGBT+ people")),
    ("environmental", _("case_category_environmental", default="Environmental activists")),
)
SOURCE_RELIABILITY = (
    ("confirmed", _("reliability_confirmed", default="Confirmed by documents")),
    ("credible", _("reliability_credible", default="Credible")),
    ("unverified", _("reliability_unverified", default="Unverified")),
)


@provider(IVocabularyFactory)
def criminal_code_articles(context=None):
    return _vocabulary(CRIMINAL_CODE_ARTICLES.items())


@provider(IVocabularyFactory)
def regions(context=None):
    return _vocabulary(REGIONS.items())


@provider(IVocabularyFactory)
def case_categories(context=None):
    return _vocabulary(CASE_CATEGORIES)


@provider(IVocabularyFactory)
def detention_statuses(context=None):
    return _vocabulary(DETENTION_STATUSES)


@provider(IVocabularyFactory)
def genders(context=None):
    return _vocabulary(GENDERS)


@provider(IVocabularyFactory)
def risk_levels(context=None):
    return _vocabulary(RISK_LEVELS)


@provider(IVocabularyFactory)
def publication_consents(context=None):
    return _vocabulary(PUBLICATION_CONSENTS)


@provider(IVocabularyFactory)
def source_reliability(context=None):
    return _vocabulary(SOURCE_RELIABILITY)

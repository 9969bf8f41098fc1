"""A complete fictional case file, created as a member of the nominating organisation."""

from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue


LAWYER = "Advocate Petrova, +7 901 555-01-23"
RELATIVES = "Mother: Olga, +7 902 555-77-10"
ADDRESS = "Lenina street 5, flat 12"
HEALTH = "Asthma, needs an inhaler"
CONFIDENTIAL_VALUES = (LAWYER, RELATIVES, ADDRESS, HEALTH)


def create_case(portal, user="alpha-member", complete=True, **overrides):
    facts = {
        "full_name": "Иван Тестов",
        "full_name_latin": "Ivan Testov",
        "region": "tver",
        "nominating_organisation": "alpha",
        "lawyer_contacts": LAWYER,
        "relatives_contacts": RELATIVES,
        "home_address": ADDRESS,
        "health_notes": HEALTH,
    }
    if complete:
        facts.update(
            articles=["207.3"],
            date_of_detention=date(2024, 3, 1),
            status="pre_trial_custody",
            narrative=RichTextValue("<p>Arrested for an anti-war post.</p>", "text/html", "text/x-html-safe"),
        )
    facts.update(overrides)
    with api.env.adopt_user(username=user):
        # plone.api wants a title; the case takes it from the name fields anyway.
        return api.content.create(
            container=portal["intranet"]["cases"], type="CaseFile", title=facts["full_name_latin"], **facts
        )

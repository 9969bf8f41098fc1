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


# The criteria and exclusion clause of the demo's adopted criteria version 1.
CRITERIA_ITEMS = ("C1", "C2", "C3", "C4", "C5", "X1")


def assess_completely(case):
    """As the commission: every criterion met, the exclusion clause not met."""
    from coalition.intranet.cases import assessment

    assessment.start_assessment(case)
    for item_id in CRITERIA_ITEMS:
        assessment.record_finding(case, item_id, "met" if item_id != "X1" else "not_met", "Documented.")


def case_under_review(portal, **facts):
    """A case of Alpha nominated, under review, with a complete assessment of this round."""
    case = create_case(portal, **facts)
    with api.env.adopt_user(username="alpha-member"):
        api.content.transition(case, transition="nominate")
    with api.env.adopt_user(username="commission"):
        api.content.transition(case, transition="start_review")
        assess_completely(case)
    return case


def decided_case(portal, outcome="recognised", consent="family", **facts):
    """A case decided by the commission (category A for a recognition), with publication consent."""
    from coalition.intranet.cases import assessment

    case = case_under_review(portal, date_of_birth=date(1988, 7, 14), publication_consent=consent, **facts)
    with api.env.adopt_user(username="commission"):
        assessment.record_decision(case, outcome, "Documented.", "A" if outcome == "recognised" else "")
    return case


def approve_ballot(ballot):
    """Alpha and Beta approve; the commission closes the ballot."""
    from coalition.intranet.drafting import ballots

    for user, organisation in (("alpha-admin", "alpha"), ("beta-admin", "beta")):
        with api.env.adopt_user(username=user):
            ballots.cast_vote(ballot, "approve", organisation_id=organisation)
    with api.env.adopt_user(username="commission"):
        ballots.close_ballot(ballot)

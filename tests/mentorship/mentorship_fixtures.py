"""Fictional people for the mentorship tests: a published prisoner with a case behind it, mentors, mentorships."""

from coalition.intranet.cases import publication
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import registry
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.indexing import processQueue
from tests.cases.case_helpers import decided_case


COORDINATOR = "mentor-coord"
# Planted in private fields: no public channel may ever show them.
CONTACT_MARKER = "CONTACT-MARKER-7f3a91"
EMAIL_MARKER = "office-marker-7f3a91@example.org"
NOTES_MARKER = "NOTES-MARKER-7f3a91"
INTERNAL_ACTION_MARKER = "INTERNAL-ACTION-MARKER-7f3a91"
ATTACHMENT_MARKER = "ATTACHMENT-MARKER-7f3a91"
PRIVATE_MARKERS = (CONTACT_MARKER, EMAIL_MARKER, NOTES_MARKER, INTERNAL_ACTION_MARKER, ATTACHMENT_MARKER)


def published_prisoner(portal, name="Oleg Probnikov", translations=None, **facts):
    """A case decided "recognised", published by the commission; returns the English profile (with its
    ``translations``: {language: name})."""
    from coalition.intranet.public import api as public

    case = decided_case(portal, full_name_latin=name, full_name="Олег Пробников", **facts)
    with api.env.adopt_user(username="commission"):
        profile = publication.publish(case)
    for language, title in (translations or {}).items():
        public.add_profile_translation(profile, language, title, f"<p>{title}</p>")
    processQueue()
    return profile


def make_mentor(name="Greta Vorbild", *, country="DE", body="Bundestag", **fields):
    """A mentor with planted private contact data, made as the coordinator would."""
    values = {
        "name": name,
        "function": "national_mp",
        "body": body,
        "party": "Beispielpartei",
        "country": country,
        "office": CONTACT_MARKER,
        "email": EMAIL_MARKER,
        "phone": "+49 30 000000",
        "notes": NOTES_MARKER,
        "statement_en": f"{name} stands by political prisoners.",
        "statement_de": f"{name} steht an der Seite politischer Gefangener.",
    }
    values.update(fields)
    with api.env.adopt_user(username=COORDINATOR):
        mentor = createContentInContainer(registry.mentorship_section(), "Mentor", **values)
    return mentor


def active_mentorship(mentor, profile, *, started_days_ago=30):
    """Propose, agree (family's consent on the case file) and start a mentorship, as the coordinator."""
    today = date.today()
    with api.env.adopt_user(username=COORDINATOR):
        mentorship = lifecycle.propose(mentor, profile)
        consent = {} if _consent_recorded(profile) else {"consent_given_by": "family"}
        lifecycle.agree(mentorship, mentor_consent_on=today - timedelta(days=started_days_ago + 1), **consent)
        lifecycle.activate(mentorship, started_on=today - timedelta(days=started_days_ago))
    processQueue()
    return mentorship


def _consent_recorded(profile) -> bool:
    from coalition.intranet.cases import api as cases_api

    return cases_api.mentorship_consent(profiles.canonical_uid(profile)) is not None


def public_mentor_of(profile, name="Greta Beispiel", *, body="Bundestag", country="DE", **fields):
    """A mentor with a published public record and an active mentorship of ``profile``, for tests of the public
    pages. Profiles made by ``tests.public.profile_fixtures.make_profile`` have no case file behind them, so the
    consent that would be recorded on the case is taken as given here."""
    from coalition.intranet.cases import api as cases_api
    from coalition.intranet.mentorship import public_record
    from unittest import mock

    consent = {"given_by": "family", "given_on": date.today(), "recorded_by": "test"}
    with api.env.adopt_roles(["Manager"]):
        mentor = createContentInContainer(
            registry.mentorship_section(),
            "Mentor",
            name=name,
            function="national_mp",
            body=body,
            country=country,
            **fields,
        )
        with mock.patch.object(cases_api, "mentorship_consent", return_value=consent):
            mentorship = lifecycle.propose(mentor, profile)
            lifecycle.agree(mentorship, mentor_consent_on=date.today())
        lifecycle.activate(mentorship)
        public_record.publish_mentor(mentor)
    processQueue()
    return mentor

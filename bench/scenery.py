"""What surrounds the prisoners in a bench database: case files behind some profiles, mentors with active
mentorships and public records, and cultural events linked to prisoners, made through the platform's own
APIs (``mentorship.lifecycle``, ``mentorship.public_record``, ``events.api.publish_event``) so that their
public pages cost what they cost on a real site.

Proportions follow what the coalition expects at scale: one mentor per 20 prisoners, one event per 100
(half of them past, with reports). Idempotent: a second run adds only what is missing.
"""

from coalition.intranet.cases.api import record_mentorship_consent
from coalition.intranet.events import api as events
from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.public.boundary import provenance
from coalition.intranet.site.api import language_root
from coalition.intranet.workspaces.api import set_member
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
import time
import transaction


PRISONERS_PER_MENTOR = 20
PRISONERS_PER_EVENT = 100
PRISONERS_PER_EVENT_LINK = 3
GROUP_ID = "bench-culture"
COUNTRIES = ("DE", "FR", "PL", "LT", "NL", "CZ", "SE", "IT", "ES", "AT")
FUNCTIONS = ("national_mp", "mep", "regional_mp", "local_councillor")
EVENT_KINDS = ("letter_writing", "exhibition", "concert", "reading", "film")
CITIES = (("Berlin", "DE", "Europe/Berlin"), ("Paris", "FR", "Europe/Paris"), ("Vilnius", "LT", "Europe/Vilnius"))


def _html(text: str) -> RichTextValue:
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def _progress(label: str, done: int, total: int, started: float) -> None:
    elapsed = time.monotonic() - started
    print(f"  {done}/{total} {label} ({elapsed:.0f} s)", flush=True)


def canonical_profiles(site, default_language: str) -> list:
    """The default language's profiles in a stable order (their ids)."""
    container = language_root(site, default_language)["prisoners"]
    return [container[profile_id] for profile_id in sorted(container.objectIds())]


def _case_behind(profile, cases, member: str, organisation: str):
    """A case file for the fictional person, recorded as the source of its publication act (what the act would
    have left), so that consent to mentorships can be recorded on it."""
    uid = api.content.get_uuid(profile)
    record = provenance.provenance(uid)
    if record is not None and not record.source.startswith("bench:"):
        return
    with api.env.adopt_user(username=member):
        case = api.content.create(
            container=cases,
            type="CaseFile",
            title=profile.title,
            full_name=profile.title,
            full_name_latin=profile.title,
            nominating_organisation=organisation,
            narrative=_html("A fictional case of the bench database."),
        )
    provenance.record_publication(uid, api.content.get_uuid(case), "bench", record.public_languages if record else [])


def ensure_mentors(site, profiles, member: str, organisation: str, rng) -> int:
    """One mentor per ``PRISONERS_PER_MENTOR`` prisoners, each mentoring one of them, with a public record."""
    wanted = len(profiles) // PRISONERS_PER_MENTOR
    existing = len(registry.all_mentors())
    if existing >= wanted:
        return existing
    section = registry.mentorship_section()
    cases = site["intranet"]["cases"]
    today = date.today()
    started = time.monotonic()
    print(f"Mentors: adding {wanted - existing} (one per {PRISONERS_PER_MENTOR} prisoners)...", flush=True)
    for number in range(existing, wanted):
        profile = profiles[number * PRISONERS_PER_MENTOR]
        _case_behind(profile, cases, member, organisation)
        uid = api.content.get_uuid(profile)
        name = f"Mentor Example {number + 1}"
        with api.env.adopt_roles(["Manager"]):
            mentor = createContentInContainer(
                section,
                "Mentor",
                checkConstraints=False,
                name=name,
                function=rng.choice(FUNCTIONS),
                body="Fictional parliament",
                country=rng.choice(COUNTRIES),
                office=f"Office of {name} (fictional)",
                email=f"office-{number + 1}@example.org",
                office_language="en",
                statement_en="I stand with this prisoner until they are free (fictional).",
            )
            lifecycle._give_up_ownership(mentor)
            record_mentorship_consent(uid, "family", today - timedelta(days=200), actor="bench")
            mentorship = lifecycle.propose(mentor, uid, proposed_on=today - timedelta(days=220))
            lifecycle.agree(mentorship, mentor_consent_on=today - timedelta(days=210))
            lifecycle.activate(mentorship, started_on=today - timedelta(days=200))
            actions.record_action(
                mentorship,
                kind="letter_to_prisoner",
                when=today - timedelta(days=rng.randrange(1, 180)),
                text="Wrote a letter (fictional).",
                visibility="public",
            )
            public_record.publish_mentor(mentor)
        if (number + 1) % 25 == 0 or number + 1 == wanted:
            transaction.commit()
            _progress("mentors", number + 1, wanted, started)
    return wanted


def ensure_events(site, profiles, member: str, rng) -> int:
    """One published event per ``PRISONERS_PER_EVENT`` prisoners, in four languages, half of them past."""
    wanted = max(len(profiles) // PRISONERS_PER_EVENT, 1)
    groups = site["intranet"]["groups"]
    if GROUP_ID not in groups:
        with api.env.adopt_roles(["Manager"]):
            group = createContentInContainer(
                groups, "WorkingGroup", id=GROUP_ID, title="Bench culture group", checkConstraints=False
            )
            set_member(group, member, "WorkspaceAdmin")
        transaction.commit()
    group = groups[GROUP_ID]
    existing = len(group.objectIds())
    if existing >= wanted:
        return existing
    today = date.today()
    started = time.monotonic()
    print(f"Events: adding {wanted - existing} (one per {PRISONERS_PER_EVENT} prisoners)...", flush=True)
    for number in range(existing, wanted):
        day = today + timedelta(days=rng.randrange(-365, 365))
        city, country, zone = rng.choice(CITIES)
        linked = [ITG(profile) for profile in rng.sample(profiles, PRISONERS_PER_EVENT_LINK)]
        title = f"Solidarity evening {number + 1}"
        with api.env.adopt_roles(["Manager"]):
            plan = createContentInContainer(
                group,
                "EventPlan",
                checkConstraints=True,
                title=title,
                event_kind=rng.choice(EVENT_KINDS),
                public_text=_html("Letters, music and portraits of political prisoners (fictional)."),
                event_start=datetime(day.year, day.month, day.day, 18, 0),
                event_end=datetime(day.year, day.month, day.day, 21, 0),
                timezone=zone,
                venue="Community hall (fictional)",
                city=city,
                country=country,
                organisers=["bench"],
                prisoners=linked,
                capacity=40,
            )
            events.publish_event(
                plan,
                {
                    "de": {"title": f"Solidaritätsabend {number + 1}", "text": "<p>Briefe und Musik.</p>"},
                    "fr": {"title": f"Soirée de solidarité {number + 1}", "text": "<p>Lettres et musique.</p>"},
                    "ru": {"title": f"Вечер солидарности {number + 1}", "text": "<p>Письма и музыка.</p>"},
                },
            )
        if (number + 1) % 10 == 0 or number + 1 == wanted:
            transaction.commit()
            _progress("events", number + 1, wanted, started)
    return wanted

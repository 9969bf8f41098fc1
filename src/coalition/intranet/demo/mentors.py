"""Demo mentors and mentorships: fictional politicians from several European countries (the surnames mean
"example", "model"… in their languages; the offices' addresses are at example.org).

Each demo profile's free-text mentor line becomes a real mentor with a published public record and an
active mentorship, as a coordinator would make them (``mentorship/lifecycle.py``): the prisoner's family
consent recorded on the case file, the mentor's consent, the start, a few actions. Besides:
- a handover: Jutta Beispiel left the Bundestag and handed Pavel Primerov over to Klaus Vorbild;
- a quiet mentorship: Maria Voorbeeld's last recorded action is months old (the dashboard and the weekly
  reminder show it);
- an ended one: Tomasz Przykładowy's prisoner was released.
"""

from coalition.intranet.cases import api as cases_api
from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer


COORDINATOR = "mentor-coord"

MENTORS = {
    "Jutta Beispiel": {
        "function": "national_mp",
        "body": "Bundestag",
        "party": "Demo Party",
        "country": "DE",
        "statements": {
            "en": "Until my last day in parliament I spoke up for Pavel. I hand over, I do not leave.",
            "de": "Bis zu meinem letzten Tag im Parlament habe ich mich für Pawel eingesetzt. Ich übergebe, "
            "ich gehe nicht.",
        },
    },
    "Klaus Vorbild": {
        "function": "national_mp",
        "body": "Bundestag",
        "party": "Demo Party",
        "country": "DE",
        "statements": {
            "en": "Pavel's case is now mine. He will not be forgotten in Berlin.",
            "de": "Pawels Fall ist jetzt meiner. In Berlin wird er nicht vergessen.",
            "fr": "Le cas de Pavel est désormais le mien. Berlin ne l'oubliera pas.",
            "ru": "Теперь дело Павла — моё. В Берлине его не забудут.",
        },
    },
    "Jean Exemple": {
        "function": "national_mp",
        "body": "Assemblée nationale",
        "party": "Parti de l'exemple",
        "country": "FR",
        "statements": {
            "en": "Words are not a crime. I will write to her every month.",
            "fr": "Les mots ne sont pas un crime. Je lui écrirai chaque mois.",
        },
    },
    "Mario Esempio": {
        "function": "mep",
        "body": "European Parliament",
        "party": "Gruppo Esempio",
        "country": "IT",
        "statements": {
            "en": "Freedom of speech has no borders.",
            "fr": "La liberté d'expression n'a pas de frontières.",
        },
    },
    "Maria Voorbeeld": {
        "function": "national_mp",
        "body": "Tweede Kamer",
        "party": "Voorbeeldpartij",
        "country": "NL",
        "statements": {"en": "I stand by him until he is free."},
    },
    "Erika Mustermann": {
        "function": "regional_deputy",
        "body": "Landtag Brandenburg",
        "party": "Musterliste",
        "country": "DE",
        "statements": {
            "en": "A prisoner who is written to is a prisoner who is protected.",
            "de": "Wer Briefe bekommt, ist geschützter.",
            "ru": "Тот, кому пишут, защищён.",
        },
    },
    "Lena Exempel": {
        "function": "national_mp",
        "body": "Riksdag",
        "party": "Exempelpartiet",
        "country": "SE",
        "statements": {"en": "Sweden is watching this trial."},
    },
    "Tomasz Przykładowy": {
        "function": "mayor",
        "body": "City of Wzorów",
        "party": "",
        "country": "PL",
        "statements": {
            "en": "Our city waited for his release with him.",
            "ru": "Наш город ждал его освобождения вместе с ним.",
        },
    },
}
HANDOVER = ("Jutta Beispiel", "Klaus Vorbild")
QUIET = "Maria Voorbeeld"
RELEASED = "Tomasz Przykładowy"
ACTIONS = (
    ("letter_to_prisoner", 40, "Wrote a letter and sent a postcard from the parliament.", "public"),
    ("parliamentary", 25, "Asked the government about the case in question time.", "public"),
    ("letter_to_authorities", 12, "Wrote to the ambassador asking for access to medical care.", "internal"),
)


def create_demo_mentors(site, today: date | None = None) -> None:
    """The demo mentors and their mentorships (once; a second run leaves them as they are)."""
    today = today or date.today()
    if registry.mentorship_section() is None or registry.all_mentors():
        return
    with api.env.adopt_user(username=COORDINATOR):
        mentors = {name: _mentor(name, data) for name, data in MENTORS.items()}
        for profile, names in _profiles_with_free_text():
            uid = profiles.canonical_uid(profile)
            cases_api.record_mentorship_consent(uid, "family", today - timedelta(days=200))
            for name in names:
                mentorship = _active(mentors[name], uid, today)
                if name == QUIET:
                    actions.record_action(
                        mentorship,
                        kind="letter_to_prisoner",
                        when=today - timedelta(days=120),
                        text="Sent a first letter.",
                        visibility="public",
                    )
                    continue
                for kind, days_ago, text, visibility in ACTIONS:
                    actions.record_action(
                        mentorship, kind=kind, when=today - timedelta(days=days_ago), text=text, visibility=visibility
                    )
                if name == HANDOVER[0]:
                    lifecycle.hand_over(mentorship, mentors[HANDOVER[1]], mentor_consent_on=today - timedelta(days=3))
                if name == RELEASED:
                    lifecycle.end(mentorship, "released", ended_on=today - timedelta(days=5))
            for item in profiles.all_translations(uid):
                item.mentors = []
        for mentor in mentors.values():
            public_record.publish_mentor(mentor)


def _mentor(name: str, data: dict):
    section = registry.mentorship_section()
    slug = name.split()[0].lower()
    with api.env.adopt_roles(["Manager"]):
        mentor = createContentInContainer(
            section,
            "Mentor",
            checkConstraints=False,
            name=name,
            function=data["function"],
            body=data["body"],
            party=data["party"] or None,
            country=data["country"],
            office=f"Office of {name} (fictional)",
            email=f"office-{slug}@example.org",
            phone="+00 000 000000",
            office_language="de" if data["country"] == "DE" else "en",
            **{f"statement_{language}": text for language, text in data["statements"].items()},
        )
        lifecycle._give_up_ownership(mentor)
    return mentor


def _profiles_with_free_text():
    """(canonical profile, mentor names) of the demo profiles whose free text names a demo mentor."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", Language="en"):
        profile = brain._unrestrictedGetObject()
        names = [line.split(",")[0].strip() for line in getattr(profile, "mentors", None) or ()]
        names = [name for name in names if name in MENTORS]
        if names and profiles.is_live(profiles.canonical_uid(profile)):
            yield profile, names


def _active(mentor, profile_uid: str, today: date):
    mentorship = lifecycle.propose(mentor, profile_uid, proposed_on=today - timedelta(days=220))
    lifecycle.agree(mentorship, mentor_consent_on=today - timedelta(days=210))
    lifecycle.activate(mentorship, started_on=today - timedelta(days=200))
    return mentorship

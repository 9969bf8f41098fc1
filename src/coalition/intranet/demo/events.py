"""Demo events (fictional): a culture working group plans them and publishes them by the act.

- a letter-writing evening on Human Rights Day (10 December) in Berlin, with places to register, in four
  languages, supporting the first demo prisoners;
- an exhibition of portraits and final court statements in Vilnius, in English and German;
- a concert in Paris two months ago, with a short report.
"""

from coalition.intranet.events import api as events
from coalition.intranet.site import structure
from coalition.intranet.workspaces import api as workspaces
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer


GROUP_ID = "culture"
GROUP_TITLE = "Culture working group"
GROUP_DESCRIPTION = "Plans exhibitions, letter-writing evenings and concerts (fictional)."
# Not beta's people: the tests read the group's plans as "another organisation's member".
GROUP_ROSTER = {"alpha-admin": "WorkspaceAdmin", "alpha-member": "WorkspaceMember"}
PLANNER = "alpha-member"


def _html(text: str) -> RichTextValue:
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def human_rights_day(today: date) -> date:
    day = date(today.year, 12, 10)
    return day if day >= today else date(today.year + 1, 12, 10)


def create_demo_events(site, today: date | None = None) -> list:
    """Create the culture working group and its three events (once)."""
    today = today or date.today()
    groups = site[structure.INTRANET_ID]["groups"]
    if GROUP_ID in groups:
        return []
    group = createContentInContainer(
        groups, "WorkingGroup", id=GROUP_ID, title=GROUP_TITLE, description=GROUP_DESCRIPTION, checkConstraints=False
    )
    for user_id, role in GROUP_ROSTER.items():
        workspaces.set_member(group, user_id, role)
    prisoners = _first_prisoners(2)
    created = []
    evening = human_rights_day(today)
    created.append(
        _plan_and_publish(
            group,
            title="Letter-writing evening on Human Rights Day",
            event_kind="letter_writing",
            public_text=_html(
                "Write cards and letters to political prisoners in Russia. Paper, stamps and addresses are "
                "provided; we help with a few words in Russian. (A fictional demo event.)"
            ),
            event_start=datetime(evening.year, evening.month, evening.day, 18, 0),
            event_end=datetime(evening.year, evening.month, evening.day, 21, 0),
            timezone="Europe/Berlin",
            venue="Nachbarschaftshaus, Beispielstraße 10",
            city="Berlin",
            country="DE",
            organisers=["alpha", "beta"],
            accessibility="Step-free entrance, accessible toilet.",
            prisoners=prisoners,
            capacity=30,
            notes=_html("Ask the neighbourhood house for the key on Tuesday (fictional)."),
            budget="Stamps 60 EUR, tea and biscuits 25 EUR",
            tasks="Anna: addresses and envelopes\nArkady: stamps\nBoth: welcome table",
            translations={
                "de": {
                    "title": "Briefschreibabend am Tag der Menschenrechte",
                    "text": "<p>Schreiben Sie Karten und Briefe an politische Gefangene in Russland. "
                    "(Eine erfundene Demo-Veranstaltung.)</p>",
                    "accessibility": "Stufenloser Eingang, barrierefreie Toilette.",
                },
                "fr": {
                    "title": "Soirée d'écriture de lettres pour la Journée des droits de l'homme",
                    "text": "<p>Écrivez des cartes et des lettres aux prisonniers politiques en Russie. "
                    "(Un événement fictif de démonstration.)</p>",
                },
                "ru": {
                    "title": "Вечер писем в День прав человека",
                    "text": "<p>Пишем открытки и письма политзаключённым в России. (Вымышленное демо-событие.)</p>",
                },
            },
        )
    )
    opening = today + timedelta(days=21)
    created.append(
        _plan_and_publish(
            group,
            title="Portraits and final statements: an exhibition",
            event_kind="exhibition",
            public_text=_html(
                "Portraits of political prisoners beside the words of their final statements in court. "
                "(A fictional demo event.)"
            ),
            event_start=datetime(opening.year, opening.month, opening.day, 10, 0),
            event_end=datetime(opening.year, opening.month, opening.day, 18, 0) + timedelta(days=14),
            whole_day=True,
            timezone="Europe/Vilnius",
            venue="Town library, Pavyzdžio g. 5",
            city="Vilnius",
            country="LT",
            organisers=["alpha"],
            accessibility="Lift to the first floor.",
            prisoners=prisoners[:1],
            budget="Printing 300 EUR",
            tasks="Anna: texts\nArkady: frames",
            translations={
                "de": {
                    "title": "Porträts und letzte Worte: eine Ausstellung",
                    "text": "<p>Porträts politischer Gefangener neben ihren letzten Worten vor Gericht. "
                    "(Eine erfundene Demo-Veranstaltung.)</p>",
                }
            },
        )
    )
    concert_day = today - timedelta(days=60)
    concert = _plan_and_publish(
        group,
        title="Songs from behind bars: a solidarity concert",
        event_kind="concert",
        public_text=_html("Musicians play songs written by political prisoners. (A fictional demo event.)"),
        event_start=datetime(concert_day.year, concert_day.month, concert_day.day, 19, 30),
        event_end=datetime(concert_day.year, concert_day.month, concert_day.day, 22, 0),
        timezone="Europe/Paris",
        venue="Salle des fêtes, rue de l'Exemple 3",
        city="Paris",
        country="FR",
        organisers=["beta"],
        budget="Sound technician 200 EUR",
        tasks="Bella: musicians",
        translations={},
    )
    with api.env.adopt_roles(["Manager"]):
        concert.report = _html(
            "About 120 people came; the audience wrote 85 cards that evening, sent the next morning. "
            "(A fictional demo report.)"
        )
        concert.reindexObject()
    created.append(concert)
    return created


def _first_prisoners(count: int) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="PrisonerProfile",
        review_state="published",
        Language=structure.DEFAULT_LANGUAGE,
        sort_on="sortable_title",
    )
    return [ITG(brain._unrestrictedGetObject()) for brain in brains[:count]]


def _plan_and_publish(group, translations: dict, **fields):
    with api.env.adopt_user(username=PLANNER):
        # Added under the name chosen from its title (plone.api's create-then-rename logs a catalog error).
        plan = createContentInContainer(group, "EventPlan", checkConstraints=True, **fields)
        event = events.publish_event(plan, translations)
    return ITranslationManager(event).get_translation(structure.DEFAULT_LANGUAGE) or event

"""The fictional demo prisoners (``prisoner_profiles.py``): each one a case file, decided and published.

Every demo prisoner is first a fictional ``CaseFile`` in ``/intranet/cases``, opened and nominated by a member
of ``alpha`` or ``beta`` (alternately), assessed by the list commission against the adopted criteria, decided
"recognised" in its category and published by the commission's act (``demo/casework.py``), so that its
profile has a case behind it like any other. The editorial facts (portrait, letters, mentors) and the English
texts are then set as a public editor would, before the translations are added, so plone.app.multilingual
copies the language-independent facts into them.

The decision is dated the day the demo is built (``record_decision`` records when it is made), so the
profiles' recognition date is that day; ``recognised_on`` in the data is the story's date, not used yet.
"""

from coalition.intranet.demo import casework
from coalition.intranet.demo.prisoner_profiles import PRISONERS
from coalition.intranet.public import api as public
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from datetime import date
from datetime import timedelta
import io
from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobImage


PORTRAIT_SIZE = (600, 800)
PORTRAIT_CAPTION = "Generated illustration: the person is fictional."
NOMINATING_ORGANISATIONS = ("alpha", "beta")
RISK_LEVELS = ("low", "medium")
# Facts of the data that are the case's own fields (the rest is recognition, editorial or relative dates).
CASE_FIELDS = (
    "gender",
    "date_of_birth",
    "region",
    "articles",
    "case_categories",
    "status",
    "date_of_detention",
    "sentence",
    "place_of_detention",
)


def create_demo_prisoners(site, today: date | None = None) -> list:
    """Open, decide and publish the demo prisoners' cases that are not there yet; returns the English
    profiles published by this run."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    profiles = {
        brain.Title
        for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", Language=DEFAULT_LANGUAGE)
    }
    cases = casework.cases_by_name(site)
    created = []
    for index, person in enumerate(PRISONERS):
        name = person["names"][DEFAULT_LANGUAGE]
        # There already: its case, or a profile published by a demo from before case files (not twice).
        if name in cases or name in profiles:
            continue
        case = casework.open_case(site, case_facts(person, index, today))
        casework.recognise(case, person["facts"]["category"])
        profile = casework.publish(case)
        if profile is None:
            continue
        _set_editorial_facts(profile, person)
        for language, title in person["names"].items():
            if language != DEFAULT_LANGUAGE:
                public.add_profile_translation(
                    profile, language, title, _paragraph(person["stories"][language]), person["interests"][language]
                )
        created.append(profile)
    return created


def case_facts(person: dict, index: int, today: date) -> dict:
    """The fictional case file of a demo prisoner, with the relative dates resolved against ``today``.

    Its public facts are the profile's; the confidential ones are placeholders that are plainly fictional.
    """
    data = person["facts"]
    name = person["names"][DEFAULT_LANGUAGE]
    number = f"{index + 10:02d}"
    facts = {field: data[field] for field in CASE_FIELDS if field in data}
    if "birthday_in_days" in person:
        facts["date_of_birth"] = _same_day_in(today + timedelta(days=person["birthday_in_days"]), data["birth_year"])
    if "release_in_days" in person:
        facts["expected_release"] = today + timedelta(days=person["release_in_days"])
    facts.update(
        full_name=person["names"]["ru"],
        full_name_latin=name,
        nominating_organisation=NOMINATING_ORGANISATIONS[index % len(NOMINATING_ORGANISATIONS)],
        narrative=_paragraph(person["stories"][DEFAULT_LANGUAGE]),
        lawyer_contacts=f"Demo lawyer of {name} (fictional), +7 000 000-00-{number}",
        relatives_contacts=f"Demo relative of {name} (fictional), +7 000 000-01-{number}",
        home_address=f"Demo street {index + 1}, Nowhere (fictional)",
        health_notes="None recorded (fictional)",
        risk_level=RISK_LEVELS[index % len(RISK_LEVELS)],
        publication_consent="family",
        consent_date=today,
    )
    return facts


def _same_day_in(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def _set_editorial_facts(profile, person: dict) -> None:
    with api.env.adopt_roles(["Manager"]):
        profile.story = RichTextValue(_paragraph(person["stories"][DEFAULT_LANGUAGE]), "text/html", "text/x-html-safe")
        profile.interests = person["interests"][DEFAULT_LANGUAGE]
        if person.get("portrait"):
            profile.image = portrait(person["names"][DEFAULT_LANGUAGE], person["portrait"])
            profile.image_caption = PORTRAIT_CAPTION
        profile.postal_address = person.get("postal_address")
        profile.letters_possible = bool(person.get("postal_address"))
        profile.mentors = list(person.get("mentors", ()))
        profile.seeks_mentor = bool(person.get("seeks_mentor"))
        profile.reindexObject()


def _paragraph(text: str) -> str:
    return f"<p>{text}</p>"


def portrait(name: str, colour: tuple) -> NamedBlobImage:
    """An abstract stand-in for a photo: the initials on a plain background (never a face)."""
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    image = Image.new("RGB", PORTRAIT_SIZE, colour)
    draw = ImageDraw.Draw(image)
    draw.text(
        (PORTRAIT_SIZE[0] / 2, PORTRAIT_SIZE[1] / 2),
        initials,
        fill=(255, 255, 255),
        font=ImageFont.load_default(size=220),
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    filename = name.lower().replace(" ", "-") + ".jpg"
    return NamedBlobImage(buffer.getvalue(), contentType="image/jpeg", filename=filename)

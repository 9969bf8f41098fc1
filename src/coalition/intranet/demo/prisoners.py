"""Publish the fictional demo prisoners (``prisoner_profiles.py``) in English, with their translations.

Profiles go through the same public API as a publication act (``public.api.upsert_profile``); the editorial
facts (portrait, letters, mentors) and the English texts are then set as a public editor would, before the
translations are added, so plone.app.multilingual copies the language-independent facts into them.
"""

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


def create_demo_prisoners(site, today: date | None = None) -> list:
    """Publish the demo prisoners that are not there yet; returns the English profiles created."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    existing = {
        brain.Title
        for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", Language=DEFAULT_LANGUAGE)
    }
    created = []
    for person in PRISONERS:
        if person["names"][DEFAULT_LANGUAGE] in existing:
            continue
        profile = public.upsert_profile(public_facts(person, today), source="demo", actor="demo")
        _set_editorial_facts(profile, person)
        for language, title in person["names"].items():
            if language != DEFAULT_LANGUAGE:
                public.add_profile_translation(
                    profile, language, title, _paragraph(person["stories"][language]), person["interests"][language]
                )
        created.append(profile)
    return created


def public_facts(person: dict, today: date) -> dict:
    """The facts a publication act would copy, with the relative dates resolved against ``today``."""
    facts = dict(person["facts"], title=person["names"][DEFAULT_LANGUAGE], name_ru=person["names"]["ru"])
    facts.setdefault("criteria_version", 1)
    if "birthday_in_days" in person:
        facts["date_of_birth"] = _same_day_in(today + timedelta(days=person["birthday_in_days"]), facts["birth_year"])
    facts["birth_year"] = facts["date_of_birth"].year
    if "release_in_days" in person:
        facts["expected_release"] = today + timedelta(days=person["release_in_days"])
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

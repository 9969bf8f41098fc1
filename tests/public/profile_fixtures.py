"""Fictional public profiles for tests of the public website (never real people)."""

from coalition.intranet.public import api as public
from datetime import date
import io
from PIL import Image
from plone import api
from plone.namedfile.file import NamedBlobImage


def portrait(colour=(90, 110, 140), size=(600, 800)) -> NamedBlobImage:
    """A plain generated image standing in for a photo."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return NamedBlobImage(buffer.getvalue(), contentType="image/jpeg", filename="portrait.jpg")


def make_profile(title="Ivan Testovy", translations=None, **facts):
    """Publish a profile in English with ``facts`` and add ``translations`` ({lang: title}).

    Facts default to a serving prisoner from Tver detained in 2022 under 207.3.
    """
    data = {
        "title": title,
        "name_ru": facts.pop("name_ru", "Иван Тестовый"),
        "status": "serving_sentence",
        "region": "tver",
        "articles": ["207.3"],
        "case_categories": ["anti_war"],
        "date_of_detention": date(2022, 4, 1),
        "date_of_birth": date(1985, 12, 3),
        "birth_year": 1985,
        "sentence": "7 years, general regime colony",
        "place_of_detention": "Penal colony No. 1, Tver region",
        "recognised_on": date(2023, 1, 15),
        "criteria_version": 1,
        "category": "A",
    }
    editorial = {key: facts.pop(key) for key in list(facts) if key not in public.PROFILE_FIELDS}
    data.update(facts)
    profile = public.upsert_profile(data, source=f"fixture:{title}", actor="test")
    with api.env.adopt_roles(["Manager"]):
        for name, value in editorial.items():
            setattr(profile, name, value)
        profile.reindexObject()
    for language, translated_title in (translations or {}).items():
        public.add_profile_translation(profile, language, translated_title, f"<p>{translated_title}</p>")
    return profile

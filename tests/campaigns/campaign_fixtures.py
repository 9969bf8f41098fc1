"""Helpers for the campaign tests: a running campaign in English and German, sign-ups as a visitor would."""

from coalition.intranet.site.api import link_translations
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer


def make_campaign(portal, item_id="test-campaign", languages=("en", "de"), prisoners=(), **fields):
    """A published, running campaign in ``languages`` (linked as translations); returns {language: campaign}."""
    values = {
        "campaign_start": date.today() - timedelta(days=1),
        "campaign_end": date.today() + timedelta(days=30),
        "target": 100,
        "prisoners": list(prisoners),
        **fields,
    }
    items = {}
    with api.env.adopt_roles(["Manager"]):
        for language in languages:
            section = portal[language]["campaigns"]
            createContentInContainer(
                section,
                "Campaign",
                id=item_id,
                title=f"Campaign {item_id} ({language})",
                description=f"Goal of {item_id}",
                checkConstraints=False,
                **values,
            )
            items[language] = section[item_id]
        link_translations({lang: items[lang] for lang in languages} if "en" in languages else items)
        for item in items.values():
            api.content.transition(item, to_state="published")
    return items


def sign_form(name="Ada Beispiel", email="ada@example.org", role="artist", country="DE", show_name="1", **extra):
    form = {"name": name, "email": email, "role": role, "country": country, "organisation": "", **extra}
    if show_name:
        form["show_name"] = show_name
    return form

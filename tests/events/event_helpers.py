"""Fictional event plans for the events tests (never real people or places)."""

from coalition.intranet.events import api as events
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue


GROUP_PATH = ("intranet", "groups", "culture")
PLANNER = "alpha-member"
# Planted in the private fields of a plan: must never come out of a public channel.
NOTES_MARKER = "Privatnotiz-Zakryto-4711"
BUDGET_MARKER = "Budget-Sekretno-0815"
TASKS_MARKER = "Aufgabe-Tajno-2342"
FILE_MARKER = "Planfile-Skryto-1313"
PRIVATE_MARKERS = (NOTES_MARKER, BUDGET_MARKER, TASKS_MARKER, FILE_MARKER)


def working_group(portal):
    item = portal
    for name in GROUP_PATH:
        item = item[name]
    return item


def next_week(hour=18) -> datetime:
    day = datetime.now() + timedelta(days=7)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_plan(portal, title="Letter-writing evening for testing", user=PLANNER, **fields):
    """A plan in the demo's working group, created as ``user``, with private markers planted."""
    start = fields.pop("start", next_week())
    values = {
        "event_kind": "letter_writing",
        "public_text": RichTextValue("<p>Public-text-of-the-evening</p>", "text/html", "text/x-html-safe"),
        "event_start": start,
        "event_end": fields.pop("end", start + timedelta(hours=3)),
        "timezone": "Europe/Berlin",
        "venue": "Community hall, Example street 1",
        "city": "Berlin",
        "country": "DE",
        "organisers": ["alpha"],
        "accessibility": "Step-free entrance",
        "notes": RichTextValue(f"<p>{NOTES_MARKER}</p>", "text/html", "text/x-html-safe"),
        "budget": f"Hall rent 120 EUR {BUDGET_MARKER}",
        "tasks": f"Anna: stamps\nArkady: {TASKS_MARKER}",
        **fields,
    }
    with api.env.adopt_user(username=user):
        plan = api.content.create(container=working_group(portal), type="EventPlan", title=title, **values)
        api.content.create(container=plan, type="Document", title=FILE_MARKER)
    return plan


def publish(plan, user=PLANNER, translations=None):
    with api.env.adopt_user(username=user):
        return events.publish_event(plan, translations)

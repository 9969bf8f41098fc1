"""Shared set-up of the ballot tests: the definition document in the demo's definition working group."""

from coalition.intranet.drafting import ballots
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


def put_coordinator_on_the_roster(portal):
    """Coordinators see nothing inside a workspace unless on its roster; the group's admin adds them."""
    from coalition.intranet.workspaces.api import set_member

    group = portal["intranet"]["groups"]["definition"]
    with api.env.adopt_user(username="alpha-admin"):
        set_member(group, "coordinator", "WorkspaceMember")


def make_document(portal, text="<p>C1: deprived of liberty.</p>"):
    group = portal["intranet"]["groups"]["definition"]
    put_coordinator_on_the_roster(portal)
    with api.env.adopt_user(username="alpha-member"):
        document = api.content.create(
            container=group,
            type="WorkingDocument",
            id="ballot-test-definition",
            title="Definition (test)",
            text=RichTextValue(text, "text/html", "text/x-html-safe"),
        )
    return document


def save_new_version(document, text, user="alpha-member"):
    with api.env.adopt_user(username=user):
        document.text = RichTextValue(text, "text/html", "text/x-html-safe")
        notify(ObjectModifiedEvent(document))


def start(document, days=7, **kwargs):
    values = {
        "title": "Adopt the definition",
        "question": "Do you adopt this text?",
        "deadline": datetime.now(UTC) + timedelta(days=days),
    }
    values.update(kwargs)
    with api.env.adopt_user(username="coordinator"):
        return ballots.start_ballot(document, **values)


def vote(ballot, user, option, statement="", **kwargs):
    with api.env.adopt_user(username=user):
        return ballots.cast_vote(ballot, option, statement, **kwargs)


def close(ballot, user="coordinator"):
    with api.env.adopt_user(username=user):
        return ballots.close_ballot(ballot)

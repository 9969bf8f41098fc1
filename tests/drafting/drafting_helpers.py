"""Short ways for the co-drafting tests to create working documents and act as demo users."""

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser
import transaction
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


PASSWORD = "demo-secret"
# People the tests create need a password the site's strength rule accepts (the demo cast keeps its own).
NEW_PERSON_PASSWORD = "drafting tests: amber meadow lantern 7"  # noqa: S105
SECRET_TEXT = "Draft clause naming the witness Petrova in Tver"


def group(portal):
    return portal["intranet"]["groups"]["definition"]


def add_working_document(portal, user_id="alpha-member", text="<p>First wording.</p>", commit=True):
    with api.env.adopt_user(username=user_id):
        document = api.content.create(
            container=group(portal),
            type="WorkingDocument",
            id="draft-definition",
            title="Draft definition",
            text=RichTextValue(text, "text/html", "text/x-html-safe"),
        )
    if commit:
        transaction.commit()
    return document


def save_text(document, user_id, text):
    """``user_id`` saves a new version of the text, as the edit form does (modified event)."""
    with api.env.adopt_user(username=user_id):
        document.text = RichTextValue(text, "text/html", "text/x-html-safe")
        notify(ObjectModifiedEvent(document))


def add_guest(portal, user_id="gamma-guest"):
    """A person on the definition group's roster as a read-only guest."""
    api.user.create(email=f"{user_id}@example.org", username=user_id, password=NEW_PERSON_PASSWORD)
    from coalition.intranet.workspaces import api as workspaces

    with api.env.adopt_user(username="alpha-admin"):
        workspaces.set_member(group(portal), user_id, "WorkspaceGuest")
    return user_id


def browser_as(app, user_id):
    browser = Browser(app)
    browser.handleErrors = False
    password = NEW_PERSON_PASSWORD if user_id.endswith("-guest") else PASSWORD
    browser.addHeader("Authorization", f"Basic {user_id}:{password}")
    return browser

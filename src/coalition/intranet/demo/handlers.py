"""Install the demo cast and the fictional content (profile ``coalition.intranet:demo``)."""

from coalition.intranet.demo import campaigns
from coalition.intranet.demo import cast
from coalition.intranet.demo import events as demo_events
from coalition.intranet.demo import mentors
from coalition.intranet.demo import prisoners
from coalition.intranet.security.login.api import demo_passwords
from coalition.intranet.site import structure
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import link_translations
from coalition.intranet.workspaces import api as workspaces
from DateTime import DateTime
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.indexing import processQueue


def install_demo(context):
    site = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        create_demo_users()
        create_demo_workspaces(site)
        create_demo_public_content(site)
        create_demo_definition(site)
        processQueue()
        create_demo_cases(site)
        prisoners.create_demo_prisoners(site)
        campaigns.create_demo_campaigns(site)
        demo_events.create_demo_events(site)
        mentors.create_demo_mentors(site)
    processQueue()


def create_demo_users() -> None:
    for user_id, (fullname, groups) in cast.USERS.items():
        if api.user.get(username=user_id) is None:
            # The documented demo password is too weak for the password rules; only the demo may set it.
            with demo_passwords():
                api.user.create(
                    username=user_id,
                    email=f"{user_id}@example.org",
                    password=cast.DEMO_PASSWORD,
                    properties={"fullname": fullname},
                )
        for group in groups:
            api.group.add_user(groupname=group, username=user_id)


def _ensure_workspace(section, portal_type, workspace_id, fields):
    if workspace_id not in section:
        createContentInContainer(section, portal_type, id=workspace_id, checkConstraints=False, **fields)
    workspace = section[workspace_id]
    return workspace


def create_demo_workspaces(site) -> None:
    intranet = site[structure.INTRANET_ID]
    for org_id, data in cast.ORGANISATIONS.items():
        fields = {k: v for k, v in data.items() if k != "roster"}
        org = _ensure_workspace(intranet["organisations"], "Organisation", org_id, fields)
        for user_id, role in data["roster"].items():
            workspaces.set_member(org, user_id, role)
        title, description = cast.WORKSPACE_NOTES[org_id]
        if "notes" not in org:
            api.content.create(container=org, type="Document", id="notes", title=title, description=description)
    for group_id, data in cast.WORKING_GROUPS.items():
        fields = {k: v for k, v in data.items() if k != "roster"}
        group = _ensure_workspace(intranet["groups"], "WorkingGroup", group_id, fields)
        for user_id, role in data["roster"].items():
            workspaces.set_member(group, user_id, role)


def _create_translated(site, container_path: str, item_id: str, portal_type: str, texts: dict) -> dict:
    items = {}
    for language in structure.LANGUAGES:
        container = language_root(site, language)
        if container_path:
            container = container[container_path]
        title, description, html = texts[language]
        if item_id not in container:
            api.content.create(
                container=container,
                type=portal_type,
                id=item_id,
                title=title,
                description=description,
                text=RichTextValue(html, "text/html", "text/x-html-safe"),
            )
        items[language] = container[item_id]
    link_translations(items)
    for item in items.values():
        if api.content.get_state(item) != "published":
            api.content.transition(item, to_state="published")
    return items


def create_demo_public_content(site) -> None:
    # The welcome page is the introduction of each language's front page (campaigns/frontpage.py).
    _create_translated(site, "", "welcome", "Document", cast.WELCOME)
    _create_translated(site, "news", "human-rights-day-letters", "News Item", cast.NEWS)


def create_demo_definition(site) -> None:
    """The draft definition with its criteria, a finished ballot that adopted them (v1), published."""
    from coalition.intranet.criteria import api as criteria
    from coalition.intranet.criteria import publication
    from coalition.intranet.demo import definition
    from coalition.intranet.drafting import api as drafting
    from datetime import datetime
    from datetime import timedelta
    from datetime import UTC

    group = site[structure.INTRANET_ID]["groups"]["definition"]
    if definition.DOCUMENT_ID in group:
        return
    document = api.content.create(
        container=group,
        type="WorkingDocument",
        id=definition.DOCUMENT_ID,
        title=definition.DOCUMENT_TITLE,
        text=RichTextValue(definition.DOCUMENT_TEXT, "text/html", "text/x-html-safe"),
    )
    criteria_set = api.content.create(
        container=document, type="CriteriaSet", id="criteria", title=definition.CRITERIA_SET_TITLE
    )
    criteria.set_items(criteria_set, definition.criteria_items())
    ballot = drafting.start_ballot(
        document,
        title=definition.BALLOT_TITLE,
        question=definition.BALLOT_QUESTION,
        deadline=datetime.now(UTC) + timedelta(days=1),
    )
    for org_id, (option, statement) in definition.BALLOT_VOTES.items():
        representative = workspaces.admins(site[structure.INTRANET_ID]["organisations"][org_id])[0]
        with api.env.adopt_user(username=representative):
            drafting.cast_vote(ballot, option, statement, organisation_id=org_id)
    with api.env.adopt_user(username="coordinator"):
        drafting.close_ballot(ballot)
        publication.publish_definition(site=site)
    # The demo ballot is a finished one: dated a week ago, so new work shows first on the dashboards.
    finished = DateTime() - 7
    for obj in (document, criteria_set, ballot):
        obj.setModificationDate(finished)
        obj.reindexObject(idxs=["modified"])


def create_demo_cases(site) -> None:
    """A published recognised case and a nominated one, through the same rules as in the browser
    (``demo/casework.py``); the demo prisoners' cases follow (``demo/prisoners.py``)."""
    from coalition.intranet.demo import cases as demo_cases
    from coalition.intranet.demo import casework

    existing = casework.cases_by_name(site)
    if demo_cases.PUBLISHED_CASE["full_name_latin"] not in existing:
        published = casework.open_case(site, demo_cases.PUBLISHED_CASE)
        casework.recognise(published, demo_cases.PUBLISHED_CATEGORY, demo_cases.DECISION_REASONING)
        casework.publish(published)
    if demo_cases.NOMINATED_CASE["full_name_latin"] not in existing:
        casework.nominate(casework.open_case(site, demo_cases.NOMINATED_CASE))

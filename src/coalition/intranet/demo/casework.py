"""How every demo case file goes its way: through the same rules and by the same people as in the browser.

A member of the nominating organisation (``alpha-member``, ``beta-member``) opens the case file and
nominates it; the list commission (``commission``) starts the review, records a finding on every criterion
and exclusion clause of the adopted criteria version, records its decision and takes the act of
publication (``cases/publication.py``). Nothing here writes a decision, a profile or a provenance record
itself: the cases' and the public site's own functions do, with their own checks.

The demo takes through these steps only the case files it opens in the same run: a case that is there
already (a second run of the demo, a case someone is working on) is left as it is, so nothing is done twice.
"""

from coalition.intranet.cases import assessment
from coalition.intranet.cases import publication
from coalition.intranet.criteria import api as criteria
from coalition.intranet.site import structure
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer


# The member of each demo organisation who opens and nominates its cases (demo/cast.py).
NOMINATING_MEMBERS = {"alpha": "alpha-member", "beta": "beta-member"}
COMMISSIONER = "commission"
DECIDED_STATES = ("decided", "closed")

# Findings of the commission by the category it recognises (item id -> finding, reasoning). A criterion or
# clause not named here (a later version of the definition) gets the finding of its kind.
FINDINGS = {
    "A": {
        "C1": ("met", "Fictional demo finding: prosecuted for expressing an opinion or a belief."),
        "C2": ("met", "Fictional demo finding: no offence beyond the opinion itself."),
        "C3": ("met", "Fictional demo finding: a term out of all proportion to the acts."),
        "C4": ("unclear", "Fictional demo finding: no comparison with similar cases documented yet."),
        "C5": ("met", "Fictional demo finding: the defence's motions were refused without reasons."),
        "X1": ("not_met", "Fictional demo finding: no violence and no call to violence."),
    },
    "B": {
        "C1": ("unclear", "Fictional demo finding: the materials do not show the opinion at stake."),
        "C2": ("not_met", "Fictional demo finding: the charge refers to acts, not only to views."),
        "C3": ("met", "Fictional demo finding: a term out of all proportion to the acts alleged."),
        "C4": ("met", "Fictional demo finding: prosecuted selectively, as a member of a persecuted group."),
        "C5": ("met", "Fictional demo finding: evidence from a secret witness only."),
        "X1": ("not_met", "Fictional demo finding: no violence and no call to violence."),
    },
}
DEFAULT_FINDINGS = {
    "criterion": ("met", "Fictional demo finding."),
    "exclusion": ("not_met", "Fictional demo finding: no violence and no call to violence."),
}
REASONING = {
    "A": "Fictional demo decision: deprived of liberty only for using fundamental freedoms (category A).",
    "B": "Fictional demo decision: a politically motivated prosecution with grave breaches of fair trial (category B).",
}


def cases_by_name(site) -> dict:
    """The demo's way of finding its cases again: ``{full_name_latin: case}`` of the registry."""
    registry = site[structure.INTRANET_ID]["cases"]
    return {
        case.full_name_latin: case
        for case in registry.objectValues()
        if case.portal_type == "CaseFile" and getattr(case, "full_name_latin", None)
    }


def open_case(site, facts: dict):
    """Open a case file as the nominating organisation's member (``narrative`` is given as HTML).

    Added as the add form adds it (the registry's name chooser gives the neutral id at once, the member's
    add permission and the allowed types are checked), without plone.api's create-then-rename.
    """
    values = dict(facts, narrative=RichTextValue(facts["narrative"], "text/html", "text/x-html-safe"))
    with api.env.adopt_user(username=NOMINATING_MEMBERS[facts["nominating_organisation"]]):
        return createContentInContainer(
            site[structure.INTRANET_ID]["cases"], "CaseFile", checkConstraints=True, **values
        )


def nominate(case) -> None:
    """A draft with every fact nomination needs is nominated by its organisation's member."""
    if api.content.get_state(case) == "draft" and not case.nomination_blockers():
        with api.env.adopt_user(username=NOMINATING_MEMBERS[case.nominating_organisation]):
            api.content.transition(case, transition="nominate")


def recognise(case, category: str, reasoning: str = "") -> None:
    """The commission reviews the nominated case against the adopted criteria, records a finding on every
    criterion and exclusion clause and decides "recognised" in ``category``. Nothing without criteria."""
    if criteria.current_version() is None:
        return
    nominate(case)
    with api.env.adopt_user(username=COMMISSIONER):
        if api.content.get_state(case) == "nominated":
            api.content.transition(case, transition="start_review")
        if not assessment.is_under_review(case):
            return
        if assessment.assessment(case) is None:
            assessment.start_assessment(case)
        current = assessment.assessment(case)
        version = criteria.criteria_version(current["criteria_version"])
        for item in assessment.assessed_items(version):
            if item["id"] not in current["findings"]:
                finding, why = FINDINGS[category].get(item["id"], DEFAULT_FINDINGS[item["kind"]])
                assessment.record_finding(case, item["id"], finding, why)
        assessment.record_decision(case, "recognised", reasoning or REASONING[category], category)


def publish(case):
    """The commission's act of publication of a decided case; returns the new profile, or None when the case
    is not decided (no criteria adopted) or was published before. A refusal (``PublicationRefused``: consent,
    risk, outcome) is an error in the demo's data and is raised."""
    if getattr(case, "published_profile_uid", None) or api.content.get_state(case) not in DECIDED_STATES:
        return None
    with api.env.adopt_user(username=COMMISSIONER):
        return publication.publish(case)

"""The publication boundary: from a decided case file to the public profile, by a named person's act.

``PUBLIC_FIELDS`` is the one whitelist of what leaves a case file. The profile receives a copy of these
values, never a view of the case; the case remembers which profile it published (the profile does not know
its case). Retraction takes the profile off the public site in every language at once.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.cases import assessment
from coalition.intranet.errors import CoalitionError
from coalition.intranet.public import api as public
from coalition.intranet.security import api as audit
from datetime import date
from plone import api
from zope.i18n import translate


PUBLISH = "coalition: Publish profile"
# case field -> profile field: the whitelist of what becomes public.
PUBLIC_FIELDS = {
    "full_name_latin": "title",
    "full_name": "name_ru",
    "gender": "gender",
    "region": "region",
    "articles": "articles",
    "status": "status",
    "date_of_birth": "date_of_birth",
    "case_categories": "case_categories",
    "date_of_detention": "date_of_detention",
    "expected_release": "expected_release",
    "sentence": "sentence",
    "place_of_detention": "place_of_detention",
}
PUBLISHABLE_OUTCOMES = ("recognised",)
CONSENTS_ALLOWING_PUBLICATION = ("family", "public_figure")


class PublicationRefused(CoalitionError):
    """Publication refused; ``messages`` (also ``reasons``) are translatable. Nothing was published."""

    @property
    def reasons(self) -> list:
        return self.messages


def publication_blockers(case) -> list:
    """Why this case cannot be published now (empty when it can)."""
    reasons = []
    decision = assessment.current_decision(case)
    if api.content.get_state(case) not in ("decided", "closed") or decision is None:
        reasons.append(_("publish_refused_no_decision", default="There is no recorded decision on this case."))
    return reasons + retraction_grounds(case)


def retraction_grounds(case) -> list:
    """Why a published profile of this case must come off the public site at once (empty: it may stay).

    A decision under way (a revision) is no ground: the profile stays until a new decision is recorded.
    """
    reasons = []
    decision = assessment.current_decision(case)
    if decision is not None and decision["outcome"] not in PUBLISHABLE_OUTCOMES:
        reasons.append(_("publish_refused_outcome", default="Only a case recognised by a decision can be published."))
    if not consent_allows_publication(case):
        reasons.append(
            _("publish_refused_consent", default="No publication consent is recorded (or it was withdrawn).")
        )
    if getattr(case, "risk_level", None) == "high":
        reasons.append(_("publish_refused_risk", default="The risk of publication is recorded as high."))
    return reasons


def consent_allows_publication(case) -> bool:
    """The one rule on consent: a recorded consent of the family or of the person as a public figure."""
    return getattr(case, "publication_consent", None) in CONSENTS_ALLOWING_PUBLICATION


def public_data(case) -> dict:
    """Exactly what would become public: the whitelisted facts and the recognition."""
    data = {target: getattr(case, source, None) for source, target in PUBLIC_FIELDS.items()}
    birth = getattr(case, "date_of_birth", None)
    data["birth_year"] = birth.year if isinstance(birth, date) else None
    decision = assessment.current_decision(case)
    if decision is not None:
        data["recognised_on"] = date.fromisoformat(decision["date"][:10])
        data["criteria_version"] = decision["criteria_version"]
        data["category"] = decision["category"]
    return data


def published_profile(case):
    return public.profile_by_uid(getattr(case, "published_profile_uid", None))


def publish(case):
    """Create or update the public profile from the case; the current user is the person taking the act."""
    if not api.user.has_permission(PUBLISH, obj=case):
        raise Unauthorized("You may not publish this case file.")
    reasons = publication_blockers(case)
    if reasons:
        raise PublicationRefused(reasons)
    actor = api.user.get_current().getId()
    profile = public.upsert_profile(
        public_data(case), getattr(case, "published_profile_uid", None), source=api.content.get_uuid(case), actor=actor
    )
    case.published_profile_uid = api.content.get_uuid(profile)
    case.published_data = public_data(case)
    audit.record("case.published", case, actor, profile=profile.absolute_url_path())
    return profile


def retract(case, reason: str) -> int:
    """Unpublish the profile of this case in every language at once (consent withdrawn, safety)."""
    if not api.user.has_permission(PUBLISH, obj=case) and not api.user.has_permission(
        "coalition: Manage case access", obj=case
    ):
        raise Unauthorized("You may not retract this profile.")
    uid = getattr(case, "published_profile_uid", None)
    if not uid:
        raise PublicationRefused([_("retract_refused_nothing", default="Nothing of this case is published.")])
    return _retract(case, reason)


def _retract(case, reason: str, automatic: bool = False) -> int:
    actor = api.user.get_current().getId() or ""
    retracted = public.retract_profile(case.published_profile_uid, reason=reason, actor=actor)
    details = {"reason": reason, "count": str(retracted)}
    if automatic:
        details["automatic"] = "yes"
    audit.record("case.retracted", case, actor, **details)
    return retracted


def is_published(case) -> bool:
    """Whether the act of publication of this case stands (its profile is public)."""
    return public.profile_is_live(getattr(case, "published_profile_uid", None))


def retract_when_grounds_fall(case, event) -> None:
    """Subscriber (case modified, case decided): consent withdrawn, risk raised to high, or a new decision
    that is not a recognition takes the profile off the public site at once, whoever made the change."""
    if not is_published(case):
        return
    grounds = retraction_grounds(case)
    if grounds:
        _retract(case, "; ".join(translate(reason) for reason in grounds), automatic=True)


def profile_out_of_date(case) -> bool:
    """Whether the public facts of the case changed since they were last published."""
    if not getattr(case, "published_profile_uid", None):
        return False
    return getattr(case, "published_data", None) != public_data(case)

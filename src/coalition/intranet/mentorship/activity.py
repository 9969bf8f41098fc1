"""Which mentorships are quiet: active, and no action recorded for ``inactive_after_days`` days (registry
record ``coalition.mentorship.inactive_after_days``, default 60), counted from the last action or the start."""

from coalition.intranet.mentorship import registry
from datetime import date
from datetime import timedelta
from plone import api


INACTIVE_AFTER_RECORD = "coalition.mentorship.inactive_after_days"
DEFAULT_INACTIVE_AFTER = 60


def inactive_after_days() -> int:
    try:
        value = api.portal.get_registry_record(INACTIVE_AFTER_RECORD, default=DEFAULT_INACTIVE_AFTER)
    except Exception:  # a site whose registry has not got the record yet
        value = DEFAULT_INACTIVE_AFTER
    return int(value or DEFAULT_INACTIVE_AFTER)


def last_activity(mentorship):
    """The date of the latest action, else the start (else the proposal)."""
    dates = [action.date for action in registry.actions_of(mentorship) if action.date]
    return max(dates) if dates else (mentorship.started_on or mentorship.proposed_on)


def inactive_mentorships(today: date | None = None) -> list:
    """Active mentorships without an action for the configured number of days, quietest first."""
    limit = (today or date.today()) - timedelta(days=inactive_after_days())
    quiet = []
    for mentorship in registry.mentorships(states=("active",)):
        last = last_activity(mentorship)
        if last is None or last <= limit:
            quiet.append((last or date.min, mentorship))
    return [mentorship for _last, mentorship in sorted(quiet, key=lambda item: item[0])]


def waiting_for_consent() -> list:
    """Proposals waiting for consent (proposed), oldest first."""
    found = registry.mentorships(states=("proposed",))
    return sorted(found, key=lambda m: m.proposed_on or date.min)

"""The moderators' pages of a campaign (permission ``coalition: Moderate supporters``, public editors):
the supporters of every language waiting for approval and approved, sign-ups per day, the CSV export.

Moderation uses the supporters' workflow transitions (``approve``, ``reject``), so the register's public copy
and the audit log follow (``subscribers.py``) exactly as when the workflow menu or REST is used.
"""

from coalition.intranet import _
from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.campaigns import supporters as rules
from coalition.intranet.campaigns.vocabularies import country_name
from coalition.intranet.campaigns.vocabularies import SUPPORTER_ROLES
from coalition.intranet.public.facts import format_date
from coalition.intranet.security import api as security
from coalition.intranet.spreadsheets import csv_safe
from collections import Counter
import csv
from datetime import date
from datetime import timedelta
import io
from plone import api
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


ACTIONS = ("approve", "reject")
DAYS_SHOWN = 30
CSV_COLUMNS = ("name", "role", "country", "organisation", "email", "show_name", "state", "language", "signed")
STATE_LABELS = {
    rules.UNCONFIRMED: _("supporter_state_unconfirmed", default="Not yet confirmed by e-mail"),
    rules.CONFIRMED: _("supporter_state_confirmed", default="Waiting for moderation"),
    rules.APPROVED: _("supporter_state_approved", default="Approved"),
    rules.REJECTED: _("supporter_state_rejected", default="Not shown"),
}
ROLE_LABELS = dict(SUPPORTER_ROLES)


class SupportersView(BrowserView):
    def __call__(self):
        if self.request.get("REQUEST_METHOD", "GET").upper() == "POST":
            self.moderate()
            self.request.response.redirect(f"{self.context.absolute_url()}/@@supporters")
            return ""
        # The table is wide: the whole width for it, no portlets beside.
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        return self.index()

    def moderate(self) -> None:
        CheckAuthenticator(self.request)
        action = self.request.form.get("action")
        uids = self.request.form.get("uids") or []
        if isinstance(uids, str):
            uids = [uids]
        if action not in ACTIONS:
            return
        done = 0
        by_uid = {api.content.get_uuid(item): item for item in rules.supporters_of(self.context)}
        for uid in uids:
            supporter = by_uid.get(uid)
            if supporter is None:
                continue
            if action in [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(supporter)]:
                api.content.transition(supporter, transition=action)
                done += 1
        api.portal.show_message(
            translate(
                _("supporters_moderated", default="${count} supporter(s) updated.", mapping={"count": done}),
                context=self.request,
            ),
            request=self.request,
        )

    @memoize
    def language(self) -> str:
        return rules.campaign_language(self.context)

    @memoize
    def supporters(self) -> list:
        return rules.supporters_of(self.context, states=(rules.UNCONFIRMED, *rules.CONFIRMED_STATES))

    def rows(self, states) -> list[dict]:
        rows = []
        for supporter in self.supporters():
            state = api.content.get_state(supporter)
            if state not in states:
                continue
            rows.append(
                {
                    "uid": api.content.get_uuid(supporter),
                    "name": supporter.title,
                    "role": ROLE_LABELS.get(supporter.supporter_role, supporter.supporter_role),
                    "country": country_name(supporter.country, self.language()),
                    "organisation": supporter.organisation or "",
                    "email": supporter.email,
                    "show_name": bool(supporter.show_name),
                    "state": STATE_LABELS.get(state, state),
                    "language": getattr(supporter, "language", ""),
                    "signed": format_date(supporter.created(), self.language()),
                    "url": supporter.absolute_url(),
                }
            )
        return rows

    def waiting(self) -> list[dict]:
        return self.rows((rules.CONFIRMED,))

    def decided(self) -> list[dict]:
        return self.rows((rules.APPROVED, rules.REJECTED))

    def unconfirmed_count(self) -> int:
        return len(self.rows((rules.UNCONFIRMED,)))

    def summary(self):
        return campaigns.summary(self.context)

    def per_day(self, today: date | None = None) -> list[dict]:
        """Sign-ups (all, and confirmed ones) per day of the last DAYS_SHOWN days, newest first."""
        today = today or date.today()
        signed, confirmed = Counter(), Counter()
        for supporter in self.supporters():
            day = supporter.created().asdatetime().date()
            signed[day] += 1
            if api.content.get_state(supporter) != rules.UNCONFIRMED:
                confirmed[day] += 1
        top = max(signed.values(), default=0) or 1
        days = []
        for offset in range(DAYS_SHOWN):
            day = today - timedelta(days=offset)
            days.append(
                {
                    "date": format_date(day, self.language()),
                    "iso": day.isoformat(),
                    "signed": signed[day],
                    "confirmed": confirmed[day],
                    "width": round(100 * signed[day] / top),
                }
            )
        return days


class SupportersCSV(BrowserView):
    """All confirmed supporters of the campaign (every language) as CSV; written to the audit log."""

    def __call__(self):
        # A POST with the authenticator: the export is an act (written to the audit log), never a link to follow.
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST":
            self.request.response.redirect(f"{self.context.absolute_url()}/@@supporters")
            return ""
        CheckAuthenticator(self.request)
        rows = export_rows(self.context)
        security.record("campaign.supporters_exported", self.context, rows=len(rows))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        writer.writerows([[csv_safe(row[column]) for column in CSV_COLUMNS] for row in rows])
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="supporters-{self.context.getId()}.csv"')
        response.setHeader("Cache-Control", "private, no-store")
        return buffer.getvalue()


def export_rows(campaign) -> list[dict]:
    """The export's rows: confirmed, approved and not shown supporters (withdrawn ones are deleted)."""
    rows = []
    for supporter in rules.supporters_of(campaign):
        rows.append(
            {
                "name": supporter.title,
                "role": supporter.supporter_role,
                "country": supporter.country,
                "organisation": supporter.organisation or "",
                "email": supporter.email,
                "show_name": "yes" if supporter.show_name else "no",
                "state": api.content.get_state(supporter),
                "language": getattr(supporter, "language", ""),
                "signed": supporter.created().ISO8601(),
            }
        )
    return rows

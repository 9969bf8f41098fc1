"""The coordinators' pages in ``/intranet/mentorship``: the register, a mentor, a mentorship, the offers.

Views are thin: every step goes through ``lifecycle``, ``actions``, ``public_record`` or ``offers``, which check
the permission and the rules again; refusals are shown with ``show_error`` and nothing is stored.
"""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.errors import show_error
from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import activity
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import offers
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship.browser.forms import read_date
from coalition.intranet.mentorship.vocabularies import ACTION_KINDS
from coalition.intranet.mentorship.vocabularies import country_name
from coalition.intranet.mentorship.vocabularies import END_REASONS
from coalition.intranet.mentorship.vocabularies import FUNCTIONS
from coalition.intranet.mentorship.vocabularies import MANAGE
from coalition.intranet.mentorship.vocabularies import VISIBILITIES
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from datetime import date
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


CONTACT_PERMISSION = "coalition: View mentor contact data"
STATE_LABELS = {
    "proposed": _("mentorship_state_proposed", default="Proposed"),
    "agreed": _("mentorship_state_agreed", default="Agreed"),
    "active": _("mentorship_state_active", default="Active"),
    "ended": _("mentorship_state_ended", default="Ended"),
}


class MentorshipPage(BrowserView):
    """Common: POST handling (CSRF, a refusal shown, then a redirect), labels."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                message = self.handle(self.request.form)
            except CoalitionError as refused:
                show_error(self.request, refused)
            else:
                if message is not None:
                    api.portal.show_message(message, request=self.request)
            if self.redirect_after_post:
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.index()

    redirect_after_post = True

    def handle(self, form):
        return None

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def state_label(self, obj) -> str:
        return self.t(STATE_LABELS.get(registry.state_of(obj), ""))

    def function_label(self, code) -> str:
        return self.t(dict(FUNCTIONS).get(code, code or ""))

    def kind_label(self, code) -> str:
        return self.t(dict(ACTION_KINDS).get(code, code or ""))

    def reason_label(self, code) -> str:
        return self.t(dict(END_REASONS).get(code, code or ""))

    def country(self, code) -> str:
        return country_name(code or "", self.language())

    def language(self) -> str:
        return (self.request.get("LANGUAGE") or DEFAULT_LANGUAGE)[:2]

    def date(self, value) -> str:
        return value.isoformat() if value else "–"

    def today(self) -> str:
        return date.today().isoformat()

    def may_manage(self) -> bool:
        return api.user.has_permission(MANAGE, obj=self.context)

    def mentor_of(self, mentorship):
        return registry.by_uid(mentorship.mentor_uid)

    def end_reasons(self):
        return [(code, self.t(label)) for code, label in END_REASONS]

    def action_kinds(self):
        return [(code, self.t(label)) for code, label in ACTION_KINDS]

    def visibilities(self):
        return [(code, self.t(label)) for code, label in VISIBILITIES]


class RegistryView(MentorshipPage):
    """``/intranet/mentorship``: mentors, mentorships by state, offers waiting."""

    redirect_after_post = False

    # Every member may open the section (it is offered among the intranet's sections); only coordinators see
    # what is in it.

    def mentors(self):
        return registry.all_mentors() if self.may_manage() else []

    def mentorships_in(self, state: str):
        if not self.may_manage():
            return []
        return sorted(registry.mentorships(states=(state,)), key=lambda m: m.Title())

    def states(self):
        return [(state, self.t(STATE_LABELS[state])) for state in registry.MENTORSHIP_STATES]

    def is_public(self, mentor) -> bool:
        return public_record.is_public(mentor.UID())

    def offer_count(self) -> int:
        return len(offers.pending_offers()) if self.may_manage() else 0

    def quiet(self):
        return {m.UID() for m in activity.inactive_mentorships()} if self.may_manage() else set()


class MentorView(MentorshipPage):
    """A mentor: the facts, the contact data (for who may read them), the public record, the office's link,
    the mentorships and a proposal of a new one."""

    redirect_after_post = True
    office_link = None

    def handle(self, form):
        if "publish" in form:
            public_record.publish_mentor(self.context)
            return _("mentor_record_published", default="The mentor's public record has been published.")
        if "withdraw" in form:
            public_record.withdraw_mentor(self.context, (form.get("reason") or "").strip())
            return _("mentor_record_withdrawn", default="The mentor's public record has been withdrawn.")
        if "issue_link" in form:
            token = actions.issue_office_link(self.context)
            # Shown once, on this response only: never in a status message (a cookie) or a redirect.
            self.office_link = self.report_url(token)
            self.redirect_after_post = False
            return _("office_link_issued", default="A new personal link for the office has been made.")
        if "revoke_link" in form:
            if actions.revoke_office_link(self.context):
                return _("office_link_revoked", default="The office's link has been revoked.")
            return _("office_link_none", default="The office has no link.")
        if "propose" in form:
            mentorship = lifecycle.propose(
                self.context, (form.get("prisoner") or "").strip(), notes=(form.get("notes") or "").strip()
            )
            self.request.response.redirect(mentorship.absolute_url())
            self.redirect_after_post = False
            return _("mentorship_proposed", default="The mentorship has been proposed.")
        return None

    def report_url(self, token: str) -> str:
        language = getattr(self.context, "office_language", None) or DEFAULT_LANGUAGE
        return f"{api.portal.get().absolute_url()}/{language}/mentorship/@@report-action?key={token}"

    def may_read_contact(self) -> bool:
        return api.user.has_permission(CONTACT_PERMISSION, obj=self.context)

    def public_record(self):
        return public_record.public_mentor_by_uid(self.context.UID())

    def public_url(self, record) -> str:
        return f"{api.portal.get().absolute_url()}/{self.language()}/mentorship/@@mentor/{record.slug}"

    def record_out_of_date(self) -> bool:
        record = self.public_record()
        return record is not None and self.context.modified().asdatetime().replace(tzinfo=None) > record.published_on

    def link_expiry(self):
        return actions.office_link_expiry(self.context)

    def mentorships(self):
        return sorted(registry.mentorships(mentor_uid=self.context.UID()), key=lambda m: m.proposed_on or date.min)

    def statements(self):
        return [
            (language, getattr(self.context, f"statement_{language}", None))
            for language in ("en", "de", "fr", "ru")
            if getattr(self.context, f"statement_{language}", None)
        ]

    def prisoners(self):
        """Live public profiles (canonical, in the default language) a mentorship may be proposed for."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(**public_profiles_query(DEFAULT_LANGUAGE), sort_on="sortable_title")
        choices = []
        for brain in brains:
            uid = brain.UID
            if profiles.is_live(uid):
                choices.append((uid, brain.Title))
        return choices


class MentorshipView(MentorshipPage):
    """A mentorship: its state and dates, the next step, the handover, the actions."""

    def handle(self, form):
        mentorship = self.context
        if "agree" in form:
            lifecycle.agree(
                mentorship,
                mentor_consent_on=read_date(form, "mentor_consent_on"),
                consent_given_by=(form.get("consent_given_by") or "").strip(),
                consent_given_on=read_date(form, "consent_given_on", required=False),
            )
            return _("mentorship_agreed", default="The consent has been recorded: the mentorship is agreed.")
        if "activate" in form:
            lifecycle.activate(mentorship, started_on=read_date(form, "started_on", required=False))
            return _("mentorship_activated", default="The mentorship is active.")
        if "end" in form:
            lifecycle.end(
                mentorship, (form.get("reason") or "").strip(), ended_on=read_date(form, "ended_on", required=False)
            )
            return _("mentorship_ended", default="The mentorship has ended.")
        if "hand_over" in form:
            successor = registry.by_uid((form.get("successor") or "").strip())
            new = lifecycle.hand_over(
                mentorship,
                successor if getattr(successor, "portal_type", "") == "Mentor" else None,
                mentor_consent_on=read_date(form, "successor_consent_on"),
            )
            return _(
                "mentorship_handed_over",
                default="The mentorship has been handed over to ${name}.",
                mapping={"name": new.mentor_name},
            )
        if "record_action" in form:
            upload = form.get("attachment")
            attachment = None
            if upload is not None and getattr(upload, "filename", ""):
                from plone.namedfile.file import NamedBlobFile

                attachment = NamedBlobFile(upload.read(), filename=upload.filename)
            actions.record_action(
                mentorship,
                kind=(form.get("kind") or "").strip(),
                when=read_date(form, "date"),
                text=form.get("text") or "",
                visibility=(form.get("visibility") or "").strip(),
                attachment=attachment,
            )
            return _("mentor_action_recorded", default="The action has been recorded.")
        if "approve" in form or "make_internal" in form:
            action = mentorship.get((form.get("action") or "").strip())
            if action is None or action.portal_type != "MentorAction":
                return None
            if "approve" in form:
                actions.approve_action(action)
                return _("mentor_action_approved", default="The action is approved and public.")
            actions.make_internal(action)
            return _("mentor_action_made_internal", default="The action is internal now.")
        return None

    def state(self) -> str:
        return registry.state_of(self.context)

    def consent_on_case(self):
        from coalition.intranet.cases import api as cases_api

        return cases_api.mentorship_consent(self.context.profile_uid)

    def profile(self):
        return profiles.translation_in(self.context.profile_uid, DEFAULT_LANGUAGE)

    def profile_live(self) -> bool:
        return profiles.is_live(self.context.profile_uid)

    def predecessor(self):
        return registry.by_uid(self.context.predecessor_uid)

    def successor(self):
        return registry.by_uid(self.context.successor_uid)

    def actions(self):
        return registry.actions_of(self.context)

    def is_public(self, action) -> bool:
        return actions.is_public(action)

    def waiting(self, action) -> bool:
        return actions.waiting_for_approval(action)

    def other_mentors(self):
        return [m for m in registry.all_mentors() if m.UID() != self.context.mentor_uid]

    def last_activity(self):
        return activity.last_activity(self.context)


class OffersView(MentorshipPage):
    """``@@mentorship-offers``: offers from the public form, accepted or declined one by one."""

    redirect_after_post = False

    def handle(self, form):
        offer_id = (form.get("offer") or "").strip()
        if "accept" in form:
            mentor = offers.accept_offer(offer_id)
            self.request.response.redirect(mentor.absolute_url())
            return _("offer_accepted", default="The offer is accepted: a draft mentor has been made.")
        if "decline" in form:
            offers.decline_offer(offer_id)
            return _("offer_declined", default="The offer has been declined and deleted.")
        return None

    def offers(self):
        return offers.pending_offers()

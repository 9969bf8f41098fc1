"""The assessment page of a case file: findings per criterion, the decision, and the decision history."""

from coalition.intranet import _
from coalition.intranet.cases import assessment as rules
from coalition.intranet.criteria import api as criteria
from coalition.intranet.drafting import ballots
from coalition.intranet.drafting import tally
from coalition.intranet.drafting.browser.ballot import default_deadline
from coalition.intranet.drafting.browser.ballot import parse_deadline
from plone import api
from plone.base.interfaces import ILanguage
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class AssessmentView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self._update(self.request.form)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@assessment")
            return ""
        return self.index()

    def _update(self, form):
        try:
            if "start" in form:
                rules.start_assessment(self.context)
                message = _("assessment_started", default="Assessment started.")
            elif "propose_ballot" in form:
                ballot = rules.propose_decision_by_ballot(
                    self.context,
                    form.get("outcome", ""),
                    form.get("reasoning", ""),
                    form.get("category", ""),
                    deadline=parse_deadline(form.get("deadline", "")),
                    quorum=form.get("quorum", "2/3"),
                    majority=form.get("majority", tally.SIMPLE),
                    secret=bool(form.get("secret")),
                )
                message = _("decision_put_to_ballot", default="The proposed decision has been put to a ballot.")
                self.request.response.redirect(ballot.absolute_url())
            elif "decide" in form:
                rules.record_decision(
                    self.context, form.get("outcome", ""), form.get("reasoning", ""), form.get("category", "")
                )
                message = _("decision_recorded", default="The decision has been recorded.")
            else:
                for item in self.items():
                    finding = form.get(f"finding-{item['id']}")
                    if finding:
                        rules.record_finding(
                            self.context,
                            item["id"],
                            finding,
                            form.get(f"reasoning-{item['id']}", ""),
                            tuple(form.get(f"evidence-{item['id']}", ()) or ()),
                        )
                message = _("findings_saved", default="Findings saved.")
            api.portal.show_message(message, request=self.request)
        except ballots.BallotError as error:
            api.portal.show_message(translate(error.message, context=self.request), request=self.request, type="error")
        except rules.AssessmentError as error:
            api.portal.show_message(translate(error.message, context=self.request), request=self.request, type="error")

    def language(self):
        return self.request.get("LANGUAGE") or ILanguage(self.context).get_language() or "en"

    def may_assess(self):
        return (
            api.user.has_permission(rules.ASSESS, obj=self.context)
            and api.content.get_state(self.context) == "under_review"
        )

    def current(self):
        return rules.assessment(self.context)

    def version(self):
        current = self.current()
        return criteria.criteria_version(current["criteria_version"]) if current else criteria.current_version()

    def items(self):
        version = self.version()
        if version is None:
            return []
        findings = (self.current() or {}).get("findings", {})
        language = self.language()
        return [
            {
                "id": item["id"],
                "kind": item["kind"],
                "title": item["title"].get(language) or item["title"].get("en", ""),
                "finding": findings.get(item["id"], {}).get("finding", ""),
                "reasoning": findings.get(item["id"], {}).get("reasoning", ""),
                "evidence": findings.get(item["id"], {}).get("evidence", ()),
            }
            for item in rules.assessed_items(version)
        ]

    def evidence(self):
        return [
            {"uid": api.content.get_uuid(obj), "title": obj.Title() or obj.getId()}
            for obj in self.context.objectValues()
            if obj.portal_type == "Evidence" and api.user.has_permission("View", obj=obj)
        ]

    def findings(self):
        return [(key, translate(title, context=self.request)) for key, title in rules.FINDING_TITLES.items()]

    def outcomes(self):
        return [(key, translate(title, context=self.request)) for key, title in rules.OUTCOME_TITLES.items()]

    def complete(self):
        return rules.assessment_is_complete(self.context)

    def quorums(self):
        return tally.QUORUMS

    def default_deadline(self):
        return default_deadline()

    def case_ballots(self):
        return [
            {"title": ballot.Title(), "url": ballot.absolute_url(), "closed": ballots.is_closed(ballot)}
            for ballot in ballots.ballots_of(self.context)
        ]

    def decisions(self):
        return [
            dict(decision, outcome_title=translate(rules.OUTCOME_TITLES[decision["outcome"]], context=self.request))
            for decision in reversed(rules.decisions(self.context))
        ]

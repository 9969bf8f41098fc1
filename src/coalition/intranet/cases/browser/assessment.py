"""The assessment page of a case file: findings per criterion, the decision, and the decision history."""

from coalition.intranet import _
from coalition.intranet.cases import assessment as rules
from coalition.intranet.criteria import api as criteria
from coalition.intranet.drafting import api as drafting
from coalition.intranet.errors import show_error
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
                    deadline=drafting.parse_deadline(form.get("deadline", "")),
                    quorum=form.get("quorum", "2/3"),
                    majority=form.get("majority", drafting.SIMPLE),
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
        except (drafting.BallotError, rules.AssessmentError) as error:
            show_error(self.request, error)

    def language(self):
        return self.request.get("LANGUAGE") or ILanguage(self.context).get_language() or "en"

    def may_assess(self):
        return api.user.has_permission(rules.ASSESS, obj=self.context) and rules.is_under_review(self.context)

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
        return drafting.QUORUMS

    def default_deadline(self):
        return drafting.default_deadline()

    def case_ballots(self):
        return [
            {"title": ballot.Title(), "url": ballot.absolute_url(), "closed": drafting.is_closed(ballot)}
            for ballot in drafting.ballots_of(self.context)
        ]

    def review_round(self):
        return rules.review_round(self.context)

    def needs_new_assessment(self):
        """Under review again after a revision, and no assessment of this round yet."""
        return rules.is_under_review(self.context) and bool(rules.decisions(self.context)) and self.current() is None

    def decisions(self):
        in_force = rules.current_decision(self.context)
        found = []
        for decision in reversed(rules.decisions(self.context)):
            facts = self._facts_judged(decision)
            found.append(
                dict(
                    decision,
                    outcome_title=translate(rules.OUTCOME_TITLES[decision["outcome"]], context=self.request),
                    in_force=in_force is not None and in_force["number"] == decision["number"],
                    facts_judged=facts,
                    facts_changed=len([fact for fact in facts if fact["changed"]]),
                    findings_judged=", ".join(
                        f"{item_id}: {self._finding_title(finding)}" for item_id, finding in decision["findings"] or ()
                    ),
                )
            )
        return found

    def _finding_title(self, finding):
        title = rules.FINDING_TITLES.get(finding)
        return translate(title, context=self.request) if title is not None else finding

    def _facts_judged(self, decision):
        """The facts the decision judged next to the facts now, the differing ones marked ``changed``."""
        judged = rules.decision_snapshot(decision)
        if not judged:
            return []
        schema = api.portal.get_tool("portal_types")["CaseFile"].lookupSchema()
        now = rules.facts_now(self.context)
        rows = []
        for name in rules.SNAPSHOT_FIELDS:
            if name not in judged:
                continue
            field = schema.get(name)
            rows.append(
                {
                    "name": name,
                    "label": translate(field.title, context=self.request) if field is not None else name,
                    "judged": self._display(field, judged[name]) or "–",
                    "now": self._display(field, now[name]) or "–",
                    "changed": judged[name] != now[name],
                }
            )
        return rows

    def _display(self, field, value):
        """A snapshot value as readers of the case see it: vocabulary titles, translated; dates as stored."""
        if value in (None, "", [], ()):
            return ""
        values = value if isinstance(value, list | tuple) else [value]
        choice = getattr(field, "value_type", None) or field
        vocabulary = getattr(choice.bind(self.context), "vocabulary", None) if choice is not None else None
        shown = []
        for item in values:
            try:
                title = vocabulary.getTerm(item).title
            except (AttributeError, LookupError, TypeError):
                title = None
            shown.append(translate(title, context=self.request) if title else str(item))
        return ", ".join(shown)

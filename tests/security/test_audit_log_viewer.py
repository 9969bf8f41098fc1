"""The audit log's page (issue 16): one journal of the audit log, the case access log and the login log;
filters by kind, person, days and text; pages that keep the filters; CSV export (itself audited); and no
more than the reader may know (a coordinator sees a case file's neutral id, never the person's name)."""

from coalition.intranet.cases import access_log
from coalition.intranet.security import audit
from coalition.intranet.security import filelog
from coalition.intranet.security import journal
from coalition.intranet.security import login_events
from coalition.intranet.security.browser.audit_log import AuditLogCSV
from coalition.intranet.security.browser.audit_log import Filters
import csv
from datetime import date
from datetime import datetime
from datetime import UTC
import io
import os
from plone import api
from plone.protect.authenticator import createToken
import shutil
import tempfile
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest
from unittest import mock
from zExceptions import Forbidden


CASE_NAME = "Zakhar Skrytnikov"
CASE_NAME_RU = "Захар Скрытников"
GUEST = "WorkspaceGuest"


def at(year, month, day, hour=12):
    return datetime(year, month, day, hour, tzinfo=UTC)


def record_at(moment: datetime, action: str, target, actor: str, **details):
    """An audit entry as if recorded at ``moment`` (the log's keys are the time of recording)."""
    with mock.patch("coalition.intranet.security.audit.time.time_ns", return_value=int(moment.timestamp() * 1e9)):
        return audit.record(action, target, actor, **details)


class JournalTestCase(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        self.intranet = self.portal["intranet"]
        self.alpha = self.intranet["organisations"]["alpha"]
        self.folders = {}
        for variable in (access_log.ENV_DIRECTORY, login_events.ENV_DIRECTORY):
            self.folders[variable] = tempfile.mkdtemp(prefix="audit-journal-")
            os.environ[variable] = self.folders[variable]
        self.case = create_case(self.portal, full_name=CASE_NAME_RU, full_name_latin=CASE_NAME)

    def tearDown(self):
        for variable, folder in self.folders.items():
            del os.environ[variable]
            shutil.rmtree(folder, ignore_errors=True)

    def rows(self, user="coordinator", **form):
        self.request.form.clear()
        self.request.form.update(form)
        with api.env.adopt_user(username=user):
            view = self.intranet.restrictedTraverse("@@audit-log")
            html = view()
            return view.page()["rows"], html

    def login_line(self, moment, outcome, user="", unknown="", address="203.0.113.7", route="form"):
        filelog.append_line(
            login_events.log_directory(),
            {"outcome": outcome, "user": user, "unknown": unknown, "address": address, "route": route},
            moment,
        )


class TestOneJournal(JournalTestCase):
    def test_the_three_logs_in_one_time_ordered_list(self):
        record_at(
            at(2026, 3, 1), "roster.added", self.alpha, "alpha-admin", principal="beta-member", role="WorkspaceGuest"
        )
        access_log.record_access(api.content.get_uuid(self.case), "alpha-member", "GET view", "/x", at(2026, 3, 2))
        access_log.record_access(api.content.get_uuid(self.case), "alpha-member", "GET download", "/x", at(2026, 3, 3))
        self.login_line(at(2026, 3, 4), "failed", user="alpha-member", route="rest")
        self.login_line(at(2026, 3, 5), "succeeded", user="alpha-member", route="form")
        rows, html = self.rows(**{"from": "2026-03-01", "to": "2026-03-05"})
        self.assertEqual(
            [row["action"] for row in rows],
            ["login.succeeded", "login.failed", "case.downloaded", "case.viewed", "roster.added"],
        )
        labels = [row["action_label"] for row in rows]
        self.assertEqual(labels[:2], ["Logged in", "Failed login (wrong password or no such account)"])
        self.assertEqual(labels[2:4], ["File downloaded from a case file", "Case file opened (page or REST API)"])
        self.assertEqual(rows[1]["concerning"], "REST API (@login), from 203.0.113.7")
        self.assertEqual(rows[1]["actor"], "Someone trying to log in")
        self.assertIn("alpha-member", rows[1]["target"])
        self.assertIn("Logins and failed logins", html)

    def test_entries_from_processes_slightly_out_of_order_still_come_in_the_range(self):
        # Written in this order by processes whose requests ended in another order than they started.
        for uid, moment in (
            ("uid-c", datetime(2026, 3, 2, 10, 0, 30, tzinfo=UTC)),
            ("uid-a", datetime(2026, 3, 2, 10, 1, 0, tzinfo=UTC)),
            ("uid-b", datetime(2026, 3, 2, 10, 0, 50, tzinfo=UTC)),
            ("uid-d", datetime(2026, 3, 2, 0, 0, 10, tzinfo=UTC)),
            ("uid-before", datetime(2026, 3, 1, 23, 59, 50, tzinfo=UTC)),
            ("uid-e", datetime(2026, 3, 2, 0, 0, 5, tzinfo=UTC)),
        ):
            access_log.record_access(uid, "alpha-member", "GET view", "/x", moment)
        since, until = journal.day_range(date(2026, 3, 2), date(2026, 3, 2))
        found = [entry.target_uid for entry in journal.entries("", since, until)]
        self.assertEqual(found, ["uid-a", "uid-b", "uid-c", "uid-d", "uid-e"])

    def test_only_the_month_files_of_the_range_are_opened(self):
        for month in (1, 2, 3, 4):
            access_log.record_access("uid", "alpha-member", "GET view", "/x", at(2026, month, 10))
        opened = []
        original = filelog._lines_backwards

        def spy(path):
            opened.append(path.name)
            return original(path)

        with mock.patch.object(filelog, "_lines_backwards", spy):
            since, until = journal.day_range(date(2026, 2, 1), date(2026, 3, 31))
            self.assertEqual(len(list(journal.entries(journal.KIND_CASE_READS, since, until))), 2)
        self.assertEqual(opened, ["2026-03.jsonl", "2026-02.jsonl"])

    def test_a_date_range_reads_the_audit_log_by_key_range(self):
        for day in range(1, 11):
            record_at(at(2026, 5, day), "workspace.created", self.alpha, "coordinator", day=day)
        entries = list(audit.entries_between(at(2026, 5, 3, 0), at(2026, 5, 6, 0)))
        self.assertEqual([entry.details["day"] for entry in entries], ["5", "4", "3"])


class TestFilters(JournalTestCase):
    def setUp(self):
        super().setUp()
        self.beta = self.intranet["organisations"]["beta"]
        record_at(
            at(2026, 4, 1), "roster.added", self.alpha, "alpha-admin", principal="beta-member", role="WorkspaceGuest"
        )
        record_at(at(2026, 4, 2), "roster.removed", self.beta, "beta-admin", principal="alpha-member")
        record_at(at(2026, 4, 3), "case.decided", self.case, "commission", outcome="recognised")
        record_at(at(2026, 4, 4), "ballot.voted", self.alpha, "alpha-admin", organisation="alpha")
        self.login_line(at(2026, 4, 5), "failed", unknown="0123456789", address="198.51.100.9")
        self.login_line(at(2026, 4, 6), "succeeded", user="beta-member")

    def actions(self, **form):
        rows, _html = self.rows(**{"from": "2026-04-01", "to": "2026-04-30", **form})
        return [row["action"] for row in rows]

    def test_kind(self):
        self.assertEqual(self.actions(kind="roster"), ["roster.removed", "roster.added"])
        self.assertEqual(self.actions(kind="logins"), ["login.succeeded", "login.failed"])
        self.assertEqual(self.actions(kind="decisions"), ["case.decided"])
        self.assertEqual(self.actions(kind="ballots"), ["ballot.voted"])
        self.assertEqual(self.actions(kind="case_reads"), [])

    def test_person_by_id_or_name_who_acted_or_was_concerned(self):
        self.assertEqual(self.actions(person="alpha-admin"), ["ballot.voted", "roster.added"])
        # beta-member was added (concerned) and logged in (acted); found by a part of the name too
        self.assertEqual(self.actions(person="beta-member"), ["login.succeeded", "roster.added"])
        self.assertEqual(self.actions(person="BELLA"), ["login.succeeded", "roster.added"])

    def test_days_both_included(self):
        self.assertEqual(self.actions(**{"from": "2026-04-02", "to": "2026-04-03"}), ["case.decided", "roster.removed"])
        self.assertEqual(self.actions(**{"from": "2026-04-06"}), ["login.succeeded"])

    def test_text_in_what_the_row_shows(self):
        self.assertEqual(self.actions(q="beta solidarity"), ["roster.removed"])
        self.assertEqual(self.actions(q="198.51.100"), ["login.failed"])
        self.assertEqual(self.actions(q=self.case.getId()), ["case.decided"])

    def test_filters_combine(self):
        self.assertEqual(self.actions(kind="roster", person="alpha-member"), ["roster.removed"])

    def test_nothing_matches_says_so_and_offers_every_entry(self):
        rows, html = self.rows(person="nobody-at-all")
        self.assertEqual(rows, [])
        self.assertIn("No entry matches these filters.", html)
        self.assertIn('id="audit-log-no-match"', html)
        self.assertNotIn("audit-log-table", html)

    def test_bad_days_are_explained_and_nothing_is_listed(self):
        rows, html = self.rows(**{"from": "2026-13-45"})
        self.assertEqual(rows, [])
        self.assertIn("Enter a day as year-month-day", html)
        self.assertIn('aria-invalid="true"', html)
        rows, html = self.rows(**{"from": "2026-04-05", "to": "2026-04-01"})
        self.assertEqual(rows, [])
        self.assertIn("The last day comes before the first day.", html)
        rows, html = self.rows(kind="no-such-kind")
        self.assertIn("Choose a kind of action from the list.", html)

    def test_pages_keep_the_filters(self):
        for day in range(1, 28):
            for hour in range(3):
                record_at(at(2026, 6, day, hour), "roster.added", self.alpha, "alpha-admin", principal="beta-member")
        record_at(at(2026, 6, 1, 5), "ballot.voted", self.alpha, "alpha-admin")
        form = {"kind": "roster", "from": "2026-06-01", "to": "2026-06-30"}
        rows, html = self.rows(**form)
        self.assertEqual(len(rows), 50)
        self.assertIn("kind=roster&amp;from=2026-06-01&amp;to=2026-06-30&amp;b_start:int=50", html)
        rows, html = self.rows(**form, **{"b_start": "50"})
        self.assertEqual(len(rows), 31)
        self.assertEqual({row["action"] for row in rows}, {"roster.added"})
        self.assertIn("Newer entries", html)
        self.assertNotIn("Older entries", html)


class TestLongLogs(JournalTestCase):
    def test_a_page_reads_a_bounded_number_of_entries_and_says_so(self):
        for minute in range(30):
            access_log.record_access("uid", "alpha-member", "GET view", "/x", at(2026, 9, 1).replace(minute=minute))
        with mock.patch("coalition.intranet.security.browser.audit_log.SCAN_LIMIT", 10):
            rows, html = self.rows(person="nobody-at-all")
            self.assertEqual(rows, [])
            self.assertIn("Only the newest 10 entries were searched.", html)
            self.assertNotIn("No entry matches these filters.", html)
            rows, html = self.rows(kind="case_reads", **{"from": "2026-09-01", "to": "2026-09-01"})
            self.assertEqual(len(rows), 10)
            self.assertIn("Only the newest 10 entries were searched.", html)


class TestWhatACoordinatorMayKnow(JournalTestCase):
    def setUp(self):
        super().setUp()
        with api.env.adopt_user(username="alpha-admin"):
            record_at(at(2026, 7, 1), "case.access_granted", self.case, "alpha-admin", principal="beta-admin")
        access_log.record_access(api.content.get_uuid(self.case), "alpha-member", "GET download", "/x", at(2026, 7, 2))
        with api.env.adopt_user(username="alpha-member"):
            self.memo = api.content.create(container=self.alpha, type="Document", title="Memo Tainov")
        record_at(at(2026, 7, 3), "file.reverted", self.memo, "alpha-member", version=2)
        self.form = {"from": "2026-07-01", "to": "2026-07-31"}

    def test_coordinator_sees_the_neutral_id_never_the_name(self):
        rows, html = self.rows(**self.form)
        case_id = self.case.getId()
        self.assertEqual([row["target"] for row in rows[1:]], [f"Case file {case_id}", f"Case file {case_id}"])
        self.assertEqual(rows[1]["concerning"], "")  # what exactly was read stays with those who may open the case
        self.assertIn(f"@@case-access-logs?case={case_id}", rows[1]["target_url"])
        self.assertEqual(rows[0]["target"], "An item in Alpha Rights Centre")
        for secret in (CASE_NAME, CASE_NAME_RU, "Memo Tainov", "memo-tainov", *CONFIDENTIAL_VALUES):
            self.assertNotIn(secret, html)

    def test_searching_for_a_name_does_not_reveal_its_case(self):
        rows, _html = self.rows(q="Skrytnikov", **self.form)
        self.assertEqual(rows, [])
        rows, _html = self.rows(q="Tainov", **self.form)
        self.assertEqual(rows, [])

    def test_those_who_may_open_the_case_see_its_name(self):
        with api.env.adopt_roles(["Manager"]):
            self.request.form.clear()
            self.request.form.update(self.form)
            view = self.intranet.restrictedTraverse("@@audit-log")
            view()
            rows = view.page()["rows"]
        self.assertEqual(rows[0]["target"], "Memo Tainov")
        self.assertEqual(rows[1]["target"], CASE_NAME)
        self.assertEqual(rows[1]["concerning"], "GET download")

    def test_a_removed_case_is_named_by_its_id(self):
        case_id = self.case.getId()
        self.intranet["cases"]._delObject(case_id)
        rows, html = self.rows(**self.form)
        self.assertEqual(rows[2]["target"], f"Case file {case_id} (removed)")
        self.assertEqual(rows[1]["target"], "A removed case file")
        self.assertNotIn(CASE_NAME, html)


class TestCSV(JournalTestCase):
    def setUp(self):
        super().setUp()
        record_at(
            at(2026, 8, 1), "roster.added", self.alpha, "alpha-admin", principal="beta-member", role="WorkspaceGuest"
        )
        record_at(at(2026, 8, 2), "ballot.voted", self.alpha, "=cmd|' /C calc'!A0", organisation="alpha")
        record_at(at(2026, 8, 3), "case.decided", self.case, "commission", outcome="recognised")

    def export(self, user="coordinator", method="POST", token=True, **form):
        self.request.form.clear()
        self.request.form.update(form)
        self.request["REQUEST_METHOD"] = method
        self.request.method = method
        with api.env.adopt_user(username=user):
            if token:
                self.request.form["_authenticator"] = createToken()
            view = self.intranet.restrictedTraverse("@@audit-log.csv")
            self.assertIsInstance(view, AuditLogCSV)
            return view()

    def test_the_filtered_entries_with_labels_and_ids(self):
        data = self.export(**{"from": "2026-08-01", "to": "2026-08-31", "kind": "roster"})
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(
            table[0],
            [
                "When (UTC)",
                "Kind",
                "What happened",
                "Action id",
                "By whom",
                "User id",
                "Workspace, record or account",
                "Path",
                "Details",
            ],
        )
        self.assertEqual(len(table), 2)
        self.assertEqual(
            table[1],
            [
                "2026-08-01T12:00:00+00:00",
                "Roster changes",
                "Added to the roster",
                "roster.added",
                "Anna Alexeeva (alpha-admin)",
                "alpha-admin",
                "Alpha Rights Centre",
                "/intranet/organisations/alpha",
                "Bella Berg (beta-member), Guest (read only)",
            ],
        )
        response = self.request.response
        self.assertEqual(response.getHeader("Content-Type"), "text/csv; charset=utf-8")
        self.assertIn("attachment;", response.getHeader("Content-Disposition"))

    def test_no_formula_and_no_name_of_a_hidden_case(self):
        data = self.export(**{"from": "2026-08-01", "to": "2026-08-31"}).decode("utf-8-sig")
        self.assertIn("'=cmd", data)
        self.assertNotIn(",=cmd", data)
        self.assertIn(f"Case file {self.case.getId()}", data)
        for secret in (CASE_NAME, CASE_NAME_RU, *CONFIDENTIAL_VALUES):
            self.assertNotIn(secret, data)

    def test_the_export_is_itself_in_the_log(self):
        self.export(kind="roster", person="beta", q="Rights Centre", **{"from": "2026-08-01"})
        latest = audit.entries()[0]
        self.assertEqual(latest.action, "audit.exported")
        self.assertEqual(latest.actor, "coordinator")
        self.assertEqual(latest.target_path, "/intranet")
        self.assertEqual(latest.details["rows"], "1")
        self.assertEqual(latest.details["kind"], "roster")
        self.assertEqual(latest.details["first_day"], "2026-08-01")
        self.assertEqual(latest.details["text_filter"], "yes")
        self.assertNotIn("Rights Centre", repr(latest.details))
        rows, _html = self.rows(kind="other")
        self.assertEqual(rows[0]["action_label"], "Audit log exported as CSV")

    def test_a_link_is_no_export(self):
        self.export(method="GET", token=False, kind="roster")
        self.assertEqual(self.request.response.getStatus(), 302)
        self.assertIn("@@audit-log?kind=roster", self.request.response.getHeader("Location"))
        self.assertNotEqual(audit.entries()[0].action, "audit.exported")

    def test_a_forged_post_is_refused(self):
        with self.assertRaises(Forbidden):
            self.export(token=False)
        self.assertNotEqual(audit.entries()[0].action, "audit.exported")


class TestFiltersParsing(unittest.TestCase):
    def test_only_the_filters_set_go_into_links(self):
        filters = Filters.from_form({"kind": "logins", "person": " anna ", "from": "2026-01-02", "to": "", "q": ""})
        self.assertEqual(filters.query(), {"kind": "logins", "person": "anna", "from": "2026-01-02"})
        self.assertTrue(filters.active)
        self.assertFalse(Filters.from_form({}).active)

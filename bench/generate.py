"""Fill a bench database with N fictional prisoners, each published in every site language.

Run through Zope's console on the bench database (never on the real one), from the repository root:

    .venv/bin/zconsole run bench/zope.conf bench/generate.py [--count 2000] [--seed 6] [--batch 100]

Creates the site (without the demo) when the database has none, keeps plone.app.caching on (without a RAM
cache, as the profile configures it), adds the profiles that are missing (running it again after an
interruption continues where it stopped: the person number ``i`` is always the same person), gives a bench
member (``bench-member``) an organisation with ``--cases`` case files for the logged-in pages of
``bench/load.py``, and writes ``manifest.json`` next to ``Data.fs`` with what the benchmarks need.

Fast path: one catalog indexing per object and one commit per batch, instead of the publication API's
several reindexes per call. The result is what the API produces: a published profile in English and its
published translations linked in one translation group, language-independent facts equal, no Owner role and
the coalition as creator (``public.api.make_anonymous``, shared), indexed by the same indexers.
"""

from AccessControl.SecurityManagement import newSecurityManager
import argparse
from coalition.intranet.cases.regions import REGIONS
from coalition.intranet.demo.prisoners import portrait
from coalition.intranet.demo.prisoners import PORTRAIT_CAPTION
from coalition.intranet.public.api import make_anonymous
from coalition.intranet.public.boundary import provenance
from coalition.intranet.site.api import create_site
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from coalition.intranet.site.scripting import open_site
from coalition.intranet.site.scripting import script_arguments
from contextlib import contextmanager
from datetime import date
import json
import os
import pathlib
from plone import api
from plone.app.multilingual.interfaces import IMutableTG
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.dexterity.utils import createContentInContainer
from plone.i18n.normalizer.interfaces import IURLNormalizer
import random
import sys
import time
import transaction
import uuid
from zope.component import getUtility
from zope.i18n import translate


SCRIPT_NAME = "generate.py"
CACHING_SWITCH = "plone.caching.interfaces.ICacheSettings.enabled"
PURGING_SWITCH = "plone.cachepurging.interfaces.ICachePurgingSettings.enabled"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="number of prisoners (default 2000)")
    parser.add_argument("--seed", type=int, default=6, help="seed of the random choices (default 6)")
    parser.add_argument("--batch", type=int, default=100, help="profiles per commit and progress line")
    parser.add_argument("--site-id", default="coalition")
    parser.add_argument("--cases", type=int, default=200, help="case files of the bench member (default 200)")
    return parser.parse_args(argv)


def load_fictional(argv):
    """bench/fictional.py, found next to this script (zconsole gives scripts no ``__file__``)."""
    script = next((arg for arg in argv if os.path.basename(arg) == SCRIPT_NAME), "bench/" + SCRIPT_NAME)
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    import fictional

    return fictional


@contextmanager
def purging_paused():
    """No proxy listens while the bench database is made: purging stays off until the end (then as before)."""
    before = api.portal.get_registry_record(PURGING_SWITCH, default=False)
    api.portal.set_registry_record(PURGING_SWITCH, False)
    transaction.commit()
    try:
        yield
    finally:
        transaction.abort()
        api.portal.set_registry_record(PURGING_SWITCH, before)
        transaction.commit()


def ensure_site(app, site_id: str):
    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", "admin", ["Manager"], [])  # the bench database's own root user
    newSecurityManager(None, users.getUserById("admin").__of__(users))
    if site_id not in app.objectIds():
        started = time.monotonic()
        print(f"Creating site '{site_id}' (without demo data)...", flush=True)
        create_site(app, site_id, demo=False)
        print(f"  created in {time.monotonic() - started:.0f} s", flush=True)
    return open_site(app, site_id)


class ProfileWriter:
    """Creates one person as published profiles in every site language, linked as translations."""

    def __init__(self, site, languages):
        self.languages = languages
        self.containers = {language: language_root(site, language)["prisoners"] for language in languages}
        self.normalizer = getUtility(IURLNormalizer)
        self.workflow = api.portal.get_tool("portal_workflow")

    def existing(self) -> int:
        return len(self.containers[self.languages[0]].objectIds())

    def write(self, person: dict, colour) -> dict:
        default = self.languages[0]
        facts = dict(person["facts"], **_editorial_facts(person["editorial"]))
        if person["editorial"]["portrait"]:
            facts["image"] = portrait(person["texts"][default]["title"], colour)
            facts["image_caption"] = PORTRAIT_CAPTION
        profile_id = self._free_id(self.normalizer.normalize(person["texts"][default]["title"]))
        group = uuid.uuid4().hex
        profiles = {}
        # Fictional people without case files: the generator stands in for the acts of publication.
        with provenance.publication_act():
            for language in self.languages:
                profiles[language] = self._write_language(person, language, facts, profile_id, group)
        canonical = api.content.get_uuid(profiles[default])
        provenance.record_publication(canonical, f"bench:{group}", "bench", self.languages)
        return profiles

    def _write_language(self, person: dict, language: str, facts: dict, profile_id: str, group: str):
        default = self.languages[0]
        texts = person["texts"].get(language) or person["texts"][default]
        profile = createContent(
            "PrisonerProfile",
            id=profile_id,
            title=texts["title"],
            story=RichTextValue(texts["story"], "text/html", "text/x-html-safe"),
            interests=texts["interests"],
            **facts,
        )
        ILanguage(profile).set_language(language)
        IMutableTG(profile).set(group)
        profile = addContentToContainer(self.containers[language], profile, checkConstraints=False)
        # As the publication act leaves it: no Owner, the coalition as creator, published (the queue
        # indexes it once, at commit).
        make_anonymous(profile)
        self.workflow.doActionFor(profile, "publish")
        return profile

    def _free_id(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while any(candidate in container for container in self.containers.values()):
            number += 1
            candidate = f"{wanted}-{number}"
        return candidate


def _editorial_facts(editorial: dict) -> dict:
    # Mentors are real records now (scenery.py), not the free text the profiles once had.
    return {key: editorial[key] for key in ("letters_possible", "postal_address", "seeks_mentor")}


BENCH_ORGANISATION = "bench"
BENCH_MEMBER = "bench-member"
BENCH_PASSWORD = "bench-secret"  # noqa: S105 (a fictional account of the bench database only)
# The bench member administers an organisation, so the second factor is required (bench/load.py logs in
# through @login with a code); a fictional account of the bench database only.
BENCH_TOTP_SECRET = "BENCHMEMBERTOTPSECRETXXXXXXXXXXX"  # noqa: S105
CASE_NARRATIVE = "<p>A fictional case of the bench database.</p>"


def ensure_intranet(site, fictional, seed: int, count: int) -> str:
    """An organisation, its admin ``bench-member`` and ``count`` case files of theirs: the logged-in pages.

    Made through the same APIs as a member's own work (roster, case creation with its grants and audit), so
    the dashboard and a case file cost what they cost a real member. Returns a case's path below the site.
    """
    from coalition.intranet.workspaces.api import set_member
    from plone.app.textfield.value import RichTextValue

    organisations = site["intranet"]["organisations"]
    if BENCH_ORGANISATION not in organisations:
        createContentInContainer(
            organisations, "Organisation", id=BENCH_ORGANISATION, title="Bench Organisation", checkConstraints=False
        )
    if api.user.get(userid=BENCH_MEMBER) is None:
        api.user.create(email="bench-member@example.org", username=BENCH_MEMBER, password=BENCH_PASSWORD)
        set_member(organisations[BENCH_ORGANISATION], BENCH_MEMBER, "WorkspaceAdmin")
    from coalition.intranet.security.twofactor import api as twofactor

    if not twofactor.is_enrolled(BENCH_MEMBER):
        twofactor.enrol_with_secret(BENCH_MEMBER, BENCH_TOTP_SECRET)
        transaction.commit()
    cases = site["intranet"]["cases"]
    existing = len(cases.objectIds())
    today = date.today()
    for number in range(existing, count):
        person = fictional.person(person_random(seed + 1, number), today, region_labeller())
        facts = person["facts"]
        with api.env.adopt_user(username=BENCH_MEMBER):
            api.content.create(
                container=cases,
                type="CaseFile",
                title=person["texts"]["en"]["title"],
                full_name=facts["name_ru"],
                full_name_latin=person["texts"]["en"]["title"],
                region=facts.get("region"),
                articles=facts.get("articles"),
                status=facts.get("status"),
                date_of_detention=facts.get("date_of_detention"),
                nominating_organisation=BENCH_ORGANISATION,
                lawyer_contacts="Bench lawyer, +7 900 000 00 00",
                relatives_contacts="Bench relative",
                narrative=RichTextValue(CASE_NARRATIVE, "text/html", "text/x-html-safe"),
            )
        if (number + 1) % 50 == 0 or number + 1 == count:
            transaction.commit()
            print(f"  {number + 1}/{count} case files", flush=True)
    return "/".join(cases[cases.objectIds()[0]].getPhysicalPath()[2:])


def person_random(seed: int, number: int) -> random.Random:
    """The random source of person ``number``: the same person on every run with the same seed."""
    return random.Random(seed * 1_000_003 + number)  # noqa: S311 (reproducible fiction, not secrecy)


def region_labeller():
    def region_label(code: str, language: str) -> str:
        return translate(REGIONS[code], target_language=language)

    return region_label


def write_manifest(site, args, writer, first_person, sample_case: str) -> pathlib.Path:
    storage_file = site._p_jar.db().storage.getName()
    manifest_path = pathlib.Path(storage_file).parent / "manifest.json"
    sample = next(
        profile_id
        for profile_id in writer.containers[writer.languages[0]].objectIds()
        if all(profile_id in container for container in writer.containers.values())
    )
    manifest = {
        "site_id": args.site_id,
        "count": writer.existing(),
        "seed": args.seed,
        "languages": list(writer.languages),
        "sample_profile": {
            language: "/".join(container[sample].getPhysicalPath()[2:])
            for language, container in writer.containers.items()
        },
        "sample_surname": first_person["texts"][writer.languages[0]]["title"].split()[-1],
        "sample_region": "moscow",
        "sample_case": sample_case,
        "member": BENCH_MEMBER,
        "member_password": BENCH_PASSWORD,
        "member_totp_secret": BENCH_TOTP_SECRET,
        "generated": date.today().isoformat(),
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest_path


def main(app, argv) -> int:
    args = parse_args(script_arguments(argv, SCRIPT_NAME))
    fictional = load_fictional(argv)
    import scenery

    site = ensure_site(app, args.site_id)
    if site is None:
        return 1
    # plone.app.caching as the profile configures it: no RAM cache (a request straight to Zope is uncached,
    # bench/run.py reports any RAM-cache hit), and the headers the caching proxy of bench/load.py obeys.
    api.portal.set_registry_record(CACHING_SWITCH, True)
    transaction.commit()
    started = time.monotonic()
    with purging_paused():
        writer, first_person, sample_case = generate(site, args, fictional)
        profiles = scenery.canonical_profiles(site, writer.languages[0])
        rng = person_random(args.seed + 2, 0)
        mentors = scenery.ensure_mentors(site, profiles, BENCH_MEMBER, BENCH_ORGANISATION, rng)
        events = scenery.ensure_events(site, profiles, BENCH_MEMBER, rng)
    manifest = write_manifest(site, args, writer, first_person, sample_case)
    catalog = api.portal.get_tool("portal_catalog")
    for language in writer.languages:
        published = len(
            catalog.unrestrictedSearchResults(
                portal_type="PrisonerProfile", review_state="published", Language=language
            )
        )
        print(f"  /{language}: {published} published profiles", flush=True)
    print(f"  {mentors} mentors, {events} events", flush=True)
    print(f"Done in {time.monotonic() - started:.0f} s; manifest: {manifest}", flush=True)
    return 0


def generate(site, args, fictional):
    """The profiles in every language, then the bench member's case files."""
    languages = site_languages()
    default = api.portal.get_registry_record("plone.default_language")
    languages.sort(key=lambda language: language != default)
    writer = ProfileWriter(site, languages)
    today = date.today()
    region_label = region_labeller()
    start = writer.existing()
    print(f"{start} profiles in /{default}/prisoners; adding {max(args.count - start, 0)} in {languages}.", flush=True)
    started = time.monotonic()
    for number in range(start, args.count):
        rng = person_random(args.seed, number)
        person = fictional.person(rng, today, region_label)
        writer.write(person, tuple(rng.randrange(30, 160) for _ in range(3)))
        done = number + 1
        if done % args.batch == 0 or done == args.count:
            transaction.commit()
            elapsed = time.monotonic() - started
            rate = (done - start) / elapsed if elapsed else 0
            print(f"  {done}/{args.count} profiles ({elapsed:.0f} s, {rate:.1f} profiles/s)", flush=True)
    print(f"Case files of the bench member ({args.cases})...", flush=True)
    sample_case = ensure_intranet(site, fictional, args.seed, args.cases)
    first_person = fictional.person(person_random(args.seed, 0), today, region_label)
    return writer, first_person, sample_case


if __name__ == "__main__":
    sys.exit(main(app, sys.argv))  # noqa: F821 (zconsole and bin/instance run provide ``app``)

"""Applying validated rows: match each to its case by (organisation, external id), create or update.

A case file remembers the external id it was imported with (``external_id``); the organisation's cases
are looked up once per import. An update writes only the fields whose value differs, and records a
version (CMFEditions) of the case before and after, as a reviewer can then compare them. Nothing here
publishes: a case is created in its workflow's initial state (``draft``), and no publication act is run.
"""

from coalition.intranet.cases.access import cases_of
from coalition.intranet.imports.columns import CASE_COLUMNS
from dataclasses import dataclass
from dataclasses import field
from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


EXTERNAL_ID_ATTRIBUTE = "external_id"
TEXTS_ATTRIBUTE = "texts_by_language"
PHOTO_ID = "photo"
CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass
class RowOutcome:
    row: int
    external_id: str
    organisation: str
    outcome: str
    fields: list = field(default_factory=list)  # the changed fields (names only, never values)
    case_id: str = ""


def matching_cases(organisations) -> dict:
    """``{(organisation, external id): case}`` of these organisations' cases (imported or exported before)."""
    found = {}
    for organisation in sorted(set(organisations)):
        for case in cases_of(organisation):
            # A case never imported is exported with its neutral id (imports/export.py): that matches too.
            external_id = getattr(case, EXTERNAL_ID_ATTRIBUTE, None) or case.getId()
            found[(organisation, external_id)] = case
    return found


def stored_value(name: str, value):
    """The value as the case stores it (plain text narrative becomes paragraphs of HTML)."""
    if CASE_COLUMNS[name].kind != "richtext" or value is None:
        return value
    if value.lstrip().startswith("<"):
        html = value
    else:
        paragraphs = [part.strip() for part in value.replace("|", "\n\n").split("\n\n") if part.strip()]
        html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _comparable(value):
    # An empty cell, an empty list and a field never set are the same "nothing".
    if isinstance(value, RichTextValue):
        return value.raw or None
    if isinstance(value, list | tuple):
        return list(value) or None
    return value or None


def changed_fields(case, plan) -> list[str]:
    """The names of what this row would change on ``case`` (all of it for a new case)."""
    if case is None:
        return sorted(name for name, value in plan.values.items() if _comparable(value))
    changed = [
        name
        for name, value in plan.values.items()
        if _comparable(stored_value(name, value)) != _comparable(getattr(case, name, None))
    ]
    if plan.texts and plan.texts != (getattr(case, TEXTS_ATTRIBUTE, None) or {}):
        changed.append(TEXTS_ATTRIBUTE)
    if plan.photo is not None and _photo_data(case) != plan.photo[1]:
        changed.append("photo")
    return sorted(changed)


def _photo_data(case) -> bytes | None:
    evidence = case.get(PHOTO_ID) if case is not None else None
    file = getattr(evidence, "file", None)
    return file.data if file is not None else None


def plan_outcomes(plans, cases: dict) -> list[RowOutcome]:
    """What each row would do, without doing it."""
    outcomes = []
    for plan in plans:
        case = cases.get((plan.organisation, plan.external_id))
        fields = changed_fields(case, plan)
        outcome = CREATED if case is None else UPDATED if fields else UNCHANGED
        outcomes.append(
            RowOutcome(plan.row, plan.external_id, plan.organisation, outcome, fields, case.getId() if case else "")
        )
    return outcomes


def _write(case, plan, names) -> None:
    for name in names:
        if name in CASE_COLUMNS:
            setattr(case, name, stored_value(name, plan.values[name]))
    if TEXTS_ATTRIBUTE in names:
        setattr(case, TEXTS_ATTRIBUTE, {language: dict(texts) for language, texts in plan.texts.items()})
    if "photo" in names:
        _write_photo(case, plan.photo)


def _write_photo(case, photo) -> None:
    filename, data = photo
    blob = NamedBlobFile(data=data, filename=filename)
    evidence = case.get(PHOTO_ID)
    if evidence is None:
        api.content.create(container=case, type="Evidence", id=PHOTO_ID, title="Photo", file=blob)
    else:
        evidence.file = blob
        notify(ObjectModifiedEvent(evidence))


def _create(registry, plan):
    values = {name: stored_value(name, value) for name, value in plan.values.items()}
    values["nominating_organisation"] = plan.organisation
    # Not api.content.create: it adds under a temporary id and renames, and every rename makes Plone search
    # the catalog (comments of the moved object) and take a savepoint: seconds per case in a long list.
    case = createContentInContainer(registry, "CaseFile", checkConstraints=True, **values)
    setattr(case, EXTERNAL_ID_ATTRIBUTE, plan.external_id)
    if plan.texts:
        setattr(case, TEXTS_ATTRIBUTE, {language: dict(texts) for language, texts in plan.texts.items()})
    if plan.photo is not None:
        _write_photo(case, plan.photo)
    # Indexed when added; the external id and the texts are not in the catalog.
    return case


def _update(case, plan, names, comment: str) -> None:
    repository = api.portal.get_tool("portal_repository")
    if not repository.getHistoryMetadata(case):
        # The state before the first import that changes it, so the change can be compared.
        repository.save(obj=case, comment=f"{comment} (before)")
    _write(case, plan, names)
    notify(ObjectModifiedEvent(case))
    repository.save(obj=case, comment=comment)


def apply_plans(registry, plans, cases: dict, *, actor: str, source: str, progress=None) -> list[RowOutcome]:
    """Create and update the cases (the caller holds the savepoint and the permission checks)."""
    from coalition.intranet.security import api as audit

    outcomes = plan_outcomes(plans, cases)
    total = len(plans)
    with api.env.adopt_roles(["Manager"]):
        for done, (plan, outcome) in enumerate(zip(plans, outcomes, strict=True), start=1):
            if outcome.outcome == CREATED:
                case = _create(registry, plan)
                cases[(plan.organisation, plan.external_id)] = case
                outcome.case_id = case.getId()
            elif outcome.outcome == UPDATED:
                case = cases[(plan.organisation, plan.external_id)]
                _update(case, plan, outcome.fields, f"Import of {source}, row {plan.row}")
            if outcome.outcome != UNCHANGED:
                audit.record(
                    "case.imported",
                    case,
                    actor,
                    outcome=outcome.outcome,
                    fields=" ".join(outcome.fields),
                    source=source,
                    row=plan.row,
                )
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total, "applied")
    return outcomes

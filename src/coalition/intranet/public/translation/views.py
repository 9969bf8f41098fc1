"""``/<lang>/@@translation-status``: which public content lacks which translation, and which translations are
older than their source (the rules: ``status.py``), with links to translate and to edit. A translator sees the
queue of their language(s).

Who may open it: whoever may modify the language root it is called on (``cmf.ModifyPortalContent`` in ZCML):
public editors on every root, translators on their own (site/structure.py), nobody else.
Everything listed comes from the user's own catalog search.
"""

from coalition.intranet import _
from coalition.intranet.batching import batch_start
from coalition.intranet.public.languages.translations import native_name
from coalition.intranet.public.translation.status import CURRENT
from coalition.intranet.public.translation.status import MISSING
from coalition.intranet.public.translation.status import OUTDATED
from coalition.intranet.public.translation.status import SOURCE
from coalition.intranet.public.translation.status import status_rows
from coalition.intranet.public.translation.status import StatusRow
from coalition.intranet.public.translation.status import TRACKED_TYPES
from coalition.intranet.public.translation.status import UNPUBLISHED
from coalition.intranet.public.translation.status import WORK_STATES
from coalition.intranet.site.api import site_languages
from coalition.intranet.site.api import translator_languages
from plone import api
from plone.app.multilingual.interfaces import ITranslationLocator
from plone.base.interfaces import IPloneSiteRoot
from plone.batching import Batch
from Products.Five.browser import BrowserView
from ZTUtils import make_query


STATE_LABELS = {
    SOURCE: _("translation_state_source", default="Source"),
    MISSING: _("translation_state_missing", default="Missing"),
    OUTDATED: _("translation_state_outdated", default="Older than the source"),
    UNPUBLISHED: _("translation_state_unpublished", default="Not published"),
    CURRENT: _("translation_state_current", default="Up to date"),
}
# Bootstrap classes of the state badges (text and background chosen together, for contrast).
STATE_BADGES = {
    SOURCE: "text-bg-secondary",
    MISSING: "text-bg-danger",
    OUTDATED: "text-bg-warning",
    UNPUBLISHED: "text-bg-info",
    CURRENT: "text-bg-success",
}
ALL = "all"
PAGE_SIZE = 50


class TranslationStatusView(BrowserView):
    """The translation queue, filtered by language, state and type (filters are links, with counts)."""

    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        self.languages = site_languages()
        self.selected_languages = self._selected_languages()
        self.selected_state = self._choice("state", WORK_STATES)
        self.selected_type = self._choice("type", TRACKED_TYPES)
        self.all_rows = status_rows()
        self.rows = self._filter(self.all_rows, self.selected_languages, self.selected_state, self.selected_type)
        self._permission_cache = {}

    # --- filters -------------------------------------------------------------------------------------------

    def _selected_languages(self) -> list[str]:
        requested = self.request.form.get("language")
        if requested is None:
            return translator_languages() or list(self.languages)
        requested = requested if isinstance(requested, list) else [requested]
        if ALL in requested:
            return list(self.languages)
        chosen = [language for language in self.languages if language in requested]
        return chosen or list(self.languages)

    def _choice(self, name: str, allowed) -> str | None:
        value = self.request.form.get(name)
        return value if value in allowed else None

    @staticmethod
    def _filter(rows, languages, state, portal_type) -> list[StatusRow]:
        states = (state,) if state else WORK_STATES
        return [
            row
            for row in rows
            if row.needs_work(languages, states) and (portal_type is None or row.source.portal_type == portal_type)
        ]

    def filter_url(self, **changes) -> str:
        """This view's URL with the current filters, changed by ``changes`` (None removes a filter)."""
        languages = self.selected_languages
        if set(languages) == set(self.languages):
            languages = ALL
        elif len(languages) == 1:
            languages = languages[0]
        params = {
            "language": languages,
            "state": self.selected_state,
            "type": self.selected_type,
        }
        params.update(changes)
        query = make_query({key: value for key, value in params.items() if value})
        return f"{self.context.absolute_url()}/@@translation-status" + (f"?{query}" if query else "")

    def language_filters(self) -> list[dict]:
        everything = set(self.selected_languages) == set(self.languages)
        links = [
            {
                "label": _("filter_all_languages", default="All languages"),
                "lang": None,
                "url": self.filter_url(language=ALL),
                "count": len(self._filter(self.all_rows, self.languages, self.selected_state, self.selected_type)),
                "current": everything,
            }
        ]
        for language in self.languages:
            links.append(
                {
                    "label": native_name(language),
                    "lang": language,
                    "url": self.filter_url(language=language),
                    "count": len(self._filter(self.all_rows, [language], self.selected_state, self.selected_type)),
                    "current": not everything and self.selected_languages == [language],
                }
            )
        return links

    def state_filters(self) -> list[dict]:
        links = [
            {
                "label": _("filter_all_work", default="Everything to do"),
                "url": self.filter_url(state=None),
                "count": len(self._filter(self.all_rows, self.selected_languages, None, self.selected_type)),
                "current": self.selected_state is None,
            }
        ]
        for state in WORK_STATES:
            links.append(
                {
                    "label": STATE_LABELS[state],
                    "url": self.filter_url(state=state),
                    "count": len(self._filter(self.all_rows, self.selected_languages, state, self.selected_type)),
                    "current": self.selected_state == state,
                }
            )
        return links

    def type_filters(self) -> list[dict]:
        types_tool = api.portal.get_tool("portal_types")
        links = [
            {
                "label": _("filter_all_types", default="All types"),
                "url": self.filter_url(type=None),
                "count": len(self._filter(self.all_rows, self.selected_languages, self.selected_state, None)),
                "current": self.selected_type is None,
            }
        ]
        for portal_type in TRACKED_TYPES:
            count = len(self._filter(self.all_rows, self.selected_languages, self.selected_state, portal_type))
            if count or self.selected_type == portal_type:
                links.append(
                    {
                        "label": types_tool[portal_type].Title(),
                        "url": self.filter_url(type=portal_type),
                        "count": count,
                        "current": self.selected_type == portal_type,
                    }
                )
        return links

    # --- the table -----------------------------------------------------------------------------------------

    def batch(self):
        return Batch(self.rows, size=PAGE_SIZE, start=batch_start(self.request.form))

    def column_languages(self) -> list[dict]:
        return [{"code": language, "name": native_name(language)} for language in self.selected_languages]

    def everything_translated(self) -> bool:
        return not any(row.needs_work(self.selected_languages) for row in self.all_rows)

    def source_info(self, row: StatusRow) -> dict:
        source = row.source
        types_tool = api.portal.get_tool("portal_types")
        return {
            "title": source.Title,
            "url": source.getURL(),
            "language": source.Language,
            "language_name": native_name(source.Language),
            "type": types_tool[source.portal_type].Title(),
            "modified": api.portal.get_localized_time(datetime=source.modified, long_format=True),
        }

    def cell(self, row: StatusRow, language: str) -> dict:
        """What one language of one row shows: its state, the translation and what the user may do."""
        state = row.states[language]
        translation = row.translations.get(language)
        cell = {
            "state": state,
            "label": STATE_LABELS[state],
            "badge": STATE_BADGES[state],
            "url": translation.getURL() if translation is not None else None,
            "action": None,
            "action_url": None,
        }
        if state == MISSING:
            cell["action_url"] = self.translate_url(row.source, language)
            cell["action"] = _("action_translate", default="Translate")
        elif state in (OUTDATED, UNPUBLISHED):
            cell["action_url"] = self.edit_url(translation)
            cell["action"] = _("action_edit_translation", default="Edit translation")
        return cell

    def translate_url(self, source_brain, language: str) -> str | None:
        """pam's add form for the translation, in the closest translated folder (``++addtranslation++``).

        pam's ``@@create_translation`` would need "Manage Translations" on the source, which translators do
        not have (their roles are on their own language root); the add form needs only the right to add there.
        """
        source = source_brain.getObject()
        parent = ITranslationLocator(source)(language)
        if IPloneSiteRoot.providedBy(parent) or not self._may_add(parent, source.portal_type):
            return None
        return f"{parent.absolute_url()}/++addtranslation++{source_brain.UID}"

    def edit_url(self, translation_brain) -> str | None:
        translation = translation_brain.getObject()
        if not api.user.has_permission("Modify portal content", obj=translation):
            return None
        # pam's edit form shows the source beside the translation.
        return f"{translation_brain.getURL()}/@@babel_edit"

    def _may_add(self, container, portal_type: str) -> bool:
        key = ("/".join(container.getPhysicalPath()), portal_type)
        if key not in self._permission_cache:
            allowed = {fti.getId() for fti in container.allowedContentTypes()}
            self._permission_cache[key] = portal_type in allowed
        return self._permission_cache[key]

"""Data of the site structure: languages, public sections, intranet sections, groups.

Kept apart from the code that builds the structure, so that a change of wording is a change of data.
"""

# The languages a new site is built with (site/api.py writes them into the registry). Code that runs on a site
# asks ``site.api.site_languages()``, the languages configured there.
LANGUAGES = ("en", "de", "fr", "ru")
DEFAULT_LANGUAGE = "en"

SITE_TITLE = {
    "en": "Coalition for Political Prisoners in Russia",
    "de": "Koalition für politische Gefangene in Russland",
    "fr": "Coalition pour les prisonniers politiques en Russie",
    "ru": "Коалиция в защиту политзаключённых в России",
}

SITE_DESCRIPTION = {
    "en": "Human-rights organisations from Russia and Europe defending people imprisoned for political reasons.",
    "de": "Menschenrechtsorganisationen aus Russland und Europa, die sich für aus politischen Gründen "
    "inhaftierte Menschen einsetzen.",
    "fr": "Des organisations de défense des droits humains de Russie et d'Europe qui défendent les personnes "
    "emprisonnées pour des raisons politiques.",
    "ru": "Правозащитные организации из России и Европы, защищающие людей, лишённых свободы по политическим мотивам.",
}

# id -> {language: (title, description)}; the ids are the same in every language (ARCHITECTURE.md).
PUBLIC_SECTIONS = {
    "prisoners": {
        "en": ("Political prisoners", "The people the coalition recognises as political prisoners."),
        "de": ("Politische Gefangene", "Die Menschen, die die Koalition als politische Gefangene anerkennt."),
        "fr": ("Prisonniers politiques", "Les personnes que la coalition reconnaît comme prisonniers politiques."),
        "ru": ("Политзаключённые", "Люди, которых коалиция признаёт политическими заключёнными."),
    },
    "definition": {
        "en": ("Definition", "Who is a political prisoner: the criteria adopted by the coalition."),
        "de": ("Definition", "Wer ist ein politischer Gefangener: die von der Koalition beschlossenen Kriterien."),
        "fr": ("Définition", "Qui est prisonnier politique : les critères adoptés par la coalition."),
        "ru": ("Определение", "Кто такой политзаключённый: критерии, принятые коалицией."),
    },
    "mentorship": {
        "en": ("Mentorship", "European politicians who stand by individual prisoners."),
        "de": ("Patenschaften", "Europäische Politikerinnen und Politiker, die einzelnen Gefangenen beistehen."),
        "fr": ("Parrainages", "Des responsables politiques européens aux côtés de prisonniers."),
        "ru": ("Шефство", "Европейские политики, поддерживающие конкретных заключённых."),
    },
    "events": {
        "en": ("Events", "Exhibitions, letter-writing evenings, concerts and readings."),
        "de": ("Veranstaltungen", "Ausstellungen, Briefschreibabende, Konzerte und Lesungen."),
        "fr": ("Événements", "Expositions, soirées d'écriture de lettres, concerts et lectures."),
        "ru": ("События", "Выставки, вечера писем, концерты и чтения."),
    },
    "campaigns": {
        "en": ("Campaigns", "Solidarity campaigns you can join."),
        "de": ("Kampagnen", "Solidaritätskampagnen zum Mitmachen."),
        "fr": ("Campagnes", "Des campagnes de solidarité à rejoindre."),
        "ru": ("Кампании", "Кампании солидарности, к которым можно присоединиться."),
    },
    "news": {
        "en": ("News", "Statements and news from the coalition."),
        "de": ("Aktuelles", "Erklärungen und Neuigkeiten der Koalition."),
        "fr": ("Actualités", "Déclarations et nouvelles de la coalition."),
        "ru": ("Новости", "Заявления и новости коалиции."),
    },
    "about": {
        "en": ("About", "The member organisations and how the list is formed."),
        "de": ("Über uns", "Die Mitgliedsorganisationen und wie die Liste entsteht."),
        "fr": ("À propos", "Les organisations membres et la formation de la liste."),
        "ru": ("О коалиции", "Организации-участницы и то, как формируется список."),
    },
}

# Section id -> the view that presents it (layout of the folder in every language).
PUBLIC_SECTION_LAYOUTS = {
    "about": "member-organisations",
    "campaigns": "campaigns-listing",
    "definition": "published-definition",
    "events": "events-calendar",
    "news": "news-listing",
    "prisoners": "prisoners-listing",
    "mentorship": "mentorship-overview",
}
# The view of each language root: its front page (campaigns/frontpage.py), built from the live data.
LANGUAGE_ROOT_LAYOUT = "front-page"

# What editors may add on the public side (language roots and their sections). Intranet types such as
# WorkingDocument are not among them: nothing of a workspace is created in the public tree.
PUBLIC_TYPES = ("Document", "Folder", "News Item", "Event", "Image", "File", "Link", "Collection")

# Types a public section accepts besides PUBLIC_TYPES (profiles arrive by the act of publication).
PUBLIC_SECTION_EXTRA_TYPES = {"prisoners": ("PrisonerProfile",), "campaigns": ("Campaign",), "news": ("Statement",)}
# Of those, the ones editors add themselves (offered in the "Add new" menu; campaigns/setup.py applies it).
PUBLIC_SECTION_ADDABLE_EXTRA_TYPES = {"campaigns": ("Campaign",), "news": ("Statement",)}

INTRANET_ID = "intranet"
INTRANET_TITLE = "Intranet"
# id -> (title, allowed types)
INTRANET_SECTIONS = {
    "organisations": ("Organisations", ("Organisation",)),
    "groups": ("Working groups", ("WorkingGroup",)),
    "cases": ("Case files", ("CaseFile",)),
    "mentorship": ("Mentorship", ("Mentor", "Mentorship")),
}
INTRANET_POLICY = "coalition-intranet"
# Local roles on intranet sections for every logged-in user: anyone on an organisation's roster may open a
# case file (the case itself is then visible to that organisation's roster only).
INTRANET_SECTION_LOCAL_ROLES = {
    "cases": {"AuthenticatedUsers": ("Contributor",)},
    "mentorship": {"mentorship-coordinators": ("Contributor",)},
}
# Marker interfaces of intranet sections (dotted names: the concern owning the section defines them).
INTRANET_SECTION_MARKERS = {
    "cases": "coalition.intranet.cases.content.ICaseRegistry",
    "mentorship": "coalition.intranet.mentorship.interfaces.IMentorshipRegistry",
}

# The group of the translators into a language (site/api.py ``translator_languages`` reads it back).
TRANSLATORS_GROUP = "translators-{language}"
# Group id -> (title, global roles)
GROUPS = {
    "coordinators": ("Coalition coordinators", ("Coordinator",)),
    "list-commission": ("List commission", ("ListCommissioner",)),
    "public-editors": ("Public editors", ("SupporterModerator",)),
    "mentorship-coordinators": ("Mentorship coordinators", ("MentorshipCoordinator",)),
    "ballot-managers": ("Ballot managers", ("BallotManager",)),
    **{TRANSLATORS_GROUP.format(language=lang): (f"Translators ({lang})", ()) for lang in LANGUAGES},
}

# Roles given on every language root folder to public editors, and on its own root to translators.
PUBLIC_EDITOR_ROLES = ("Contributor", "Editor", "Reviewer", "Reader")
TRANSLATOR_ROLES = ("Contributor", "Editor", "Reader")

"""The demo cast of ARCHITECTURE.md. Every person and organisation here is fictional."""

DEMO_PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)

# user id -> (full name, groups)
USERS = {
    "coordinator": ("Clara Koordinatorin", ("coordinators",)),
    "alpha-admin": ("Anna Alexeeva", ()),
    "alpha-member": ("Arkady Antonov", ()),
    "beta-admin": ("Bernhard Becker", ()),
    "beta-member": ("Bella Berg", ()),
    "commission": ("Konstantin Komissarov", ("list-commission",)),
    "editor-de": ("Emma Editorin", ("public-editors", "translators-de")),
    "mentor-coord": ("Milan Mentorovic", ("mentorship-coordinators",)),
}

# organisation id -> fields and roster
ORGANISATIONS = {
    "alpha": {
        "title": "Alpha Rights Centre",
        "country": "Lithuania",
        "website": "https://alpha.example.org",
        "description": "Internal note: the board meets on Tuesdays (fictional).",
        "public_description_en": "A human-rights centre documenting political prosecutions.",
        "public_description_de": "Ein Menschenrechtszentrum, das politische Strafverfolgung dokumentiert.",
        "public_description_fr": "Un centre de défense des droits humains qui documente les poursuites politiques.",
        "public_description_ru": "Правозащитный центр, документирующий политические преследования.",
        "roster": {"alpha-admin": "WorkspaceAdmin", "alpha-member": "WorkspaceMember"},
    },
    "beta": {
        "title": "Beta Solidarity Network",
        "country": "Germany",
        "website": "https://beta.example.org",
        "description": "Internal note: the letters team rotates monthly (fictional).",
        "public_description_en": "A European network of letter writers and solidarity groups.",
        "public_description_de": "Ein europäisches Netzwerk von Briefschreibenden und Solidaritätsgruppen.",
        "public_description_fr": "Un réseau européen d'auteurs de lettres et de groupes de solidarité.",
        "public_description_ru": "Европейская сеть авторов писем и групп солидарности.",
        "roster": {"beta-admin": "WorkspaceAdmin", "beta-member": "WorkspaceMember"},
    },
}

WORKING_GROUPS = {
    "definition": {
        "title": "Definition working group",
        "description": "Drafts the common definition of 'political prisoner' and the mechanism forming the list.",
        "roster": {
            "alpha-admin": "WorkspaceAdmin",
            "alpha-member": "WorkspaceMember",
            "beta-admin": "WorkspaceMember",
            "beta-member": "WorkspaceMember",
        },
    },
}

# A first private document in each organisation's workspace.
WORKSPACE_NOTES = {
    "alpha": ("Internal notes of Alpha", "Meeting notes of the Alpha Rights Centre (fictional)."),
    "beta": ("Internal notes of Beta", "Meeting notes of the Beta Solidarity Network (fictional)."),
}

WELCOME = {
    "en": (
        "Welcome",
        "Standing with people imprisoned for their beliefs.",
        "<p>The coalition brings together human-rights organisations from Russia and Europe. Together we "
        "document political prosecutions, agree on who is a political prisoner, and ask European "
        "politicians to stand by each of them.</p>"
        "<p>This is a demonstration site: every person and organisation named here is fictional.</p>",
    ),
    "de": (
        "Willkommen",
        "An der Seite der Menschen, die für ihre Überzeugungen inhaftiert sind.",
        "<p>Die Koalition vereint Menschenrechtsorganisationen aus Russland und Europa. Gemeinsam "
        "dokumentieren wir politische Strafverfahren, verständigen uns darauf, wer ein politischer Gefangener "
        "ist, und bitten europäische Politikerinnen und Politiker, jedem von ihnen beizustehen.</p>"
        "<p>Dies ist eine Demonstrationsseite: alle genannten Personen und Organisationen sind erfunden.</p>",
    ),
    "fr": (
        "Bienvenue",
        "Aux côtés des personnes emprisonnées pour leurs convictions.",
        "<p>La coalition réunit des organisations de défense des droits humains de Russie et d'Europe. "
        "Ensemble, nous documentons les poursuites politiques, nous convenons de qui est prisonnier politique "
        "et nous demandons à des responsables politiques européens de soutenir chacun d'eux.</p>"
        "<p>Ceci est un site de démonstration : toutes les personnes et organisations citées sont fictives.</p>",
    ),
    "ru": (
        "Добро пожаловать",
        "Вместе с людьми, лишёнными свободы за свои убеждения.",
        "<p>Коалиция объединяет правозащитные организации из России и Европы. Вместе мы документируем "
        "политические преследования, договариваемся о том, кого считать политзаключённым, и просим "
        "европейских политиков поддержать каждого из них.</p>"
        "<p>Это демонстрационный сайт: все упомянутые люди и организации вымышлены.</p>",
    ),
}

NEWS = {
    "en": (
        "Letter-writing evening on Human Rights Day",
        "Join us on 10 December to write to prisoners (a fictional demo event).",
        "<p>On 10 December member organisations hold letter-writing evenings in several European cities. "
        "Paper, envelopes and addresses are provided.</p>",
    ),
    "de": (
        "Briefschreibabend am Tag der Menschenrechte",
        "Schreiben Sie am 10. Dezember mit uns an Gefangene (eine erfundene Demo-Veranstaltung).",
        "<p>Am 10. Dezember laden Mitgliedsorganisationen in mehreren europäischen Städten zu "
        "Briefschreibabenden ein. Papier, Umschläge und Adressen liegen bereit.</p>",
    ),
    "fr": (
        "Soirée d'écriture de lettres pour la Journée des droits de l'homme",
        "Écrivez avec nous aux prisonniers le 10 décembre (un événement de démonstration fictif).",
        "<p>Le 10 décembre, les organisations membres organisent des soirées d'écriture de lettres dans "
        "plusieurs villes européennes. Papier, enveloppes et adresses sont fournis.</p>",
    ),
    "ru": (
        "Вечер писем в День прав человека",
        "10 декабря пишем письма заключённым вместе (вымышленное демонстрационное событие).",
        "<p>10 декабря организации-участницы проводят вечера писем в нескольких европейских городах. "
        "Бумага, конверты и адреса будут на месте.</p>",
    ),
}

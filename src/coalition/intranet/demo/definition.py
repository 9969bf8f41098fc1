"""Demo data: the draft definition of "political prisoner", written in the project's own words.

Drawn from the facts in shared/reference/DOMAIN.md (the five criteria of the Council of Europe's
resolution, the exclusion of violence, categories A and B, what "deprived of liberty" covers). Every
organisation voting in the demo ballot is fictional.
"""

# ruff: noqa: E501 (prose data: one sentence per string reads better than split literals)

DOCUMENT_ID = "definition-of-political-prisoner"
DOCUMENT_TITLE = "Definition of a political prisoner (draft)"
DOCUMENT_TEXT = (
    "<h2>Who we call a political prisoner</h2>"
    "<p>A person deprived of liberty is a political prisoner of the coalition when at least one of the "
    "criteria C1 to C5 applies and the exclusion X1 does not. Deprived of liberty means any detention by "
    "the state: a prison term, but also pre-trial custody and house arrest.</p>"
    "<p>We recognise a person only after the members have analysed the materials of the case. The list "
    "is a minimum count: absence from it does not mean that a prosecution is fair.</p>"
    "<p>Each recognition names the version of these criteria it applied (v1, v2…), so that a decision "
    "can always be read against the text in force when it was taken.</p>"
)

CRITERIA_SET_TITLE = "Criteria of the definition"

# id -> kind, {language: (title, explanation)}
CRITERIA = {
    "S1": (
        "scope",
        {
            "en": (
                "Deprived of liberty",
                "Any detention by the state counts: a prison term, but also pre-trial custody and house arrest.",
            ),
            "de": (
                "Freiheitsentzug",
                "Jede staatliche Haft zählt: eine Freiheitsstrafe, aber auch Untersuchungshaft und Hausarrest.",
            ),
            "fr": (
                "Privé de liberté",
                "Toute détention par l'État compte : une peine de prison, mais aussi la détention provisoire et l'assignation à résidence.",
            ),
            "ru": (
                "Лишение свободы",
                "Учитывается любое лишение свободы государством: срок заключения, а также содержание под стражей до суда и домашний арест.",
            ),
        },
    ),
    "C1": (
        "criterion",
        {
            "en": (
                "Fundamental freedoms",
                "The detention violates a basic guarantee of the European Convention on Human Rights, above all freedom of thought, conscience and religion, of expression and information, or of assembly and association.",
            ),
            "de": (
                "Grundfreiheiten",
                "Die Haft verletzt eine Grundgarantie der Europäischen Menschenrechtskonvention, vor allem die Gedanken-, Gewissens- und Religionsfreiheit, die Meinungs- und Informationsfreiheit oder die Versammlungs- und Vereinigungsfreiheit.",
            ),
            "fr": (
                "Libertés fondamentales",
                "La détention viole une garantie essentielle de la Convention européenne des droits de l'homme, surtout la liberté de pensée, de conscience et de religion, d'expression et d'information, ou de réunion et d'association.",
            ),
            "ru": (
                "Основные свободы",
                "Лишение свободы нарушает базовую гарантию Европейской конвенции о защите прав человека, прежде всего свободу мысли, совести и религии, выражения мнения и информации, собраний и объединений.",
            ),
        },
    ),
    "C2": (
        "criterion",
        {
            "en": (
                "Purely political reasons",
                "The person is detained for political reasons alone, without any link to an offence.",
            ),
            "de": (
                "Rein politische Gründe",
                "Die Person ist ausschließlich aus politischen Gründen inhaftiert, ohne Bezug zu einer Straftat.",
            ),
            "fr": (
                "Raisons purement politiques",
                "La personne est détenue pour des raisons uniquement politiques, sans lien avec une infraction.",
            ),
            "ru": (
                "Исключительно политические причины",
                "Человек лишён свободы только по политическим причинам, без связи с каким-либо правонарушением.",
            ),
        },
    ),
    "C3": (
        "criterion",
        {
            "en": (
                "Disproportionate detention",
                "For political motives, the length or the conditions of detention are plainly out of proportion to the offence the person is accused or convicted of.",
            ),
            "de": (
                "Unverhältnismäßige Haft",
                "Aus politischen Motiven stehen Dauer oder Bedingungen der Haft in offensichtlichem Missverhältnis zur vorgeworfenen oder abgeurteilten Tat.",
            ),
            "fr": (
                "Détention disproportionnée",
                "Pour des motifs politiques, la durée ou les conditions de détention sont manifestement disproportionnées par rapport à l'infraction reprochée ou jugée.",
            ),
            "ru": (
                "Несоразмерное заключение",
                "По политическим мотивам срок или условия содержания явно несоразмерны вменяемому или доказанному правонарушению.",
            ),
        },
    ),
    "C4": (
        "criterion",
        {
            "en": (
                "Discriminatory detention",
                "For political motives, the person is detained in a discriminatory way compared with others in the same situation.",
            ),
            "de": (
                "Diskriminierende Haft",
                "Aus politischen Motiven wird die Person im Vergleich zu anderen in gleicher Lage diskriminierend inhaftiert.",
            ),
            "fr": (
                "Détention discriminatoire",
                "Pour des motifs politiques, la personne est détenue de façon discriminatoire par rapport à d'autres dans la même situation.",
            ),
            "ru": (
                "Дискриминационное заключение",
                "По политическим мотивам человек содержится под стражей дискриминационно по сравнению с другими в той же ситуации.",
            ),
        },
    ),
    "C5": (
        "criterion",
        {
            "en": (
                "Unfair proceedings",
                "The detention results from clearly unfair proceedings, and this appears linked to political motives of the authorities.",
            ),
            "de": (
                "Unfaires Verfahren",
                "Die Haft beruht auf einem offensichtlich unfairen Verfahren, und dies scheint mit politischen Motiven der Behörden zusammenzuhängen.",
            ),
            "fr": (
                "Procès inéquitable",
                "La détention résulte d'une procédure manifestement inéquitable, ce qui semble lié aux motifs politiques des autorités.",
            ),
            "ru": (
                "Несправедливый процесс",
                "Заключение стало итогом явно несправедливого разбирательства, что, по всей видимости, связано с политическими мотивами властей.",
            ),
        },
    ),
    "X1": (
        "exclusion",
        {
            "en": (
                "Violence",
                "We do not list people who used violence against others or called for violence because of race, religion, nationality or similar grounds. Excluding someone does not mean that we find the prosecution lawful.",
            ),
            "de": (
                "Gewalt",
                "Wir führen keine Personen, die Gewalt gegen andere angewandt oder aus Gründen der Herkunft, Religion, Nationalität oder Ähnlichem zu Gewalt aufgerufen haben. Ein Ausschluss heißt nicht, dass wir die Strafverfolgung für rechtmäßig halten.",
            ),
            "fr": (
                "Violence",
                "Nous n'inscrivons pas les personnes qui ont usé de violence contre autrui ou appelé à la violence en raison de la race, de la religion, de la nationalité ou de motifs semblables. Exclure quelqu'un ne signifie pas que nous jugeons les poursuites légitimes.",
            ),
            "ru": (
                "Насилие",
                "Мы не включаем в список тех, кто применял насилие к людям или призывал к насилию по признаку расы, религии, национальности и т. п. Исключение не означает, что мы считаем преследование законным.",
            ),
        },
    ),
    "A": (
        "category",
        {
            "en": (
                "Category A: prisoners of conscience",
                "Persecuted only for using their rights and freedoms, for belonging to a group, or for their beliefs.",
            ),
            "de": (
                "Kategorie A: Gewissensgefangene",
                "Verfolgt allein wegen der Ausübung ihrer Rechte und Freiheiten, der Zugehörigkeit zu einer Gruppe oder ihrer Überzeugungen.",
            ),
            "fr": (
                "Catégorie A : prisonniers d'opinion",
                "Poursuivis uniquement pour avoir exercé leurs droits et libertés, pour leur appartenance à un groupe ou pour leurs convictions.",
            ),
            "ru": (
                "Категория A: узники совести",
                "Преследуются только за осуществление своих прав и свобод, принадлежность к группе или убеждения.",
            ),
        },
    ),
    "B": (
        "category",
        {
            "en": (
                "Category B: politically motivated prosecution",
                "Prosecuted with serious breaches of the law, or selectively, and with a political motive.",
            ),
            "de": (
                "Kategorie B: politisch motivierte Verfolgung",
                "Verfolgt unter schweren Rechtsverstößen oder selektiv, und aus politischem Motiv.",
            ),
            "fr": (
                "Catégorie B : poursuites à motif politique",
                "Poursuivis avec de graves violations du droit, ou de façon sélective, et pour un motif politique.",
            ),
            "ru": (
                "Категория B: политически мотивированное преследование",
                "Преследуются с существенными нарушениями закона или избирательно, и по политическому мотиву.",
            ),
        },
    ),
}

BALLOT_TITLE = "Adoption of the definition, version 1"
BALLOT_QUESTION = "Do the member organisations adopt the definition and its criteria C1–C5, X1, A and B as drafted?"
# organisation id -> (option, statement)
BALLOT_VOTES = {
    "alpha": ("approve", "The criteria match our documentation practice."),
    "beta": ("approve", ""),
}


def criteria_items() -> list[dict]:
    """The criteria in the form ``criteria.api.set_items`` takes."""
    return [
        {
            "id": item_id,
            "kind": kind,
            "title": {lang: texts[0] for lang, texts in languages.items()},
            "explanation": {lang: texts[1] for lang, texts in languages.items()},
        }
        for item_id, (kind, languages) in CRITERIA.items()
    ]

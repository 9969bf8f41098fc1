"""Fictional prisoners for the benchmark: invented names, facts with a realistic spread, short stories.

Pure Python (no Zope): ``person(rng, today)`` returns one invented person with the facts of a public profile
and, per language, the name, story and interests. The surnames are built from Russian words for "example",
"template", "draft", "invented"…, so that no generated name is a real person's.

The spread over statuses, years, regions and articles follows the shape of the published lists (most
people serving sentences, most cases since 2022, Moscow and Crimea ahead of other regions); the numbers are
illustrative, not statistics.
"""

from coalition.intranet.site.structure import LANGUAGES
from datetime import date
from datetime import timedelta


def _words(text: str) -> tuple:
    return tuple(text.split())


FIRST_NAMES = {
    "male": _words(
        "Александр Алексей Андрей Антон Артём Богдан Вадим Виктор Владимир Глеб Григорий Денис Дмитрий "
        "Евгений Иван Игорь Илья Кирилл Константин Лев Максим Михаил Никита Николай Олег Павел Пётр Роман "
        "Руслан Сергей Степан Тимур Фёдор Юрий Ярослав"
    ),
    "female": _words(
        "Алёна Алина Анастасия Анна Валентина Вера Виктория Дарья Евгения Екатерина Елена Жанна Ирина "
        "Ксения Лариса Любовь Людмила Марина Мария Надежда Наталья Нина Оксана Ольга Полина Светлана Софья "
        "Татьяна Ульяна Юлия"
    ),
}
SURNAME_ROOTS = _words(
    "Пример Образц Шаблон Макет Черновик Тест Демонстр Проб Эскиз Наброск Вариант Услов Фиктив Вымысл "
    "Заглушк Прототип Муляж Эталон Выдум Придум Гипотез Аноним Безымян Сочин Сказоч Небывал Задум"
)
SURNAME_FORMS = {"male": ("ов", "ин", "ский", "енко"), "female": ("ова", "ина", "ская", "енко")}

# Illustrative weights, not statistics.
STATUSES = {
    "serving_sentence": 62,
    "pre_trial_custody": 15,
    "house_arrest": 5,
    "released": 12,
    "emigrated": 4,
    "deceased": 2,
}
YEARS = {2019: 6, 2020: 7, 2021: 11, 2022: 22, 2023: 20, 2024: 19, 2025: 15}
FREQUENT_REGIONS = {
    "moscow": 18,
    "saint_petersburg": 9,
    "crimea": 8,
    "moscow_oblast": 5,
    "occupied_ukraine": 4,
    "krasnodar": 4,
    "bashkortostan": 3,
    "tatarstan": 3,
    "sverdlovsk": 3,
}
OTHER_REGIONS = _words(
    "adygea altai_krai amur arkhangelsk astrakhan belgorod bryansk buryatia chechnya chelyabinsk chuvashia "
    "dagestan irkutsk ivanovo kabardino_balkaria kaliningrad kaluga kamchatka karelia kemerovo khabarovsk "
    "kirov komi kostroma krasnoyarsk kursk lipetsk mari_el mordovia murmansk nizhny_novgorod novgorod "
    "novosibirsk omsk orenburg oryol penza perm primorsky pskov rostov ryazan sakha samara saratov "
    "sevastopol smolensk stavropol tambov tomsk tula tver tyumen udmurtia ulyanovsk vladimir volgograd "
    "vologda voronezh yaroslavl zabaykalsky abroad"
)
OTHER_REGIONS_WEIGHT = 43

# Kinds of cases: weight before and since 2022, articles, case categories, sentence range (years), reason.
CASE_KINDS = (
    {
        "weights": (2, 30),
        "articles": (("207.3",), ("207.3", "280.3"), ("280.3",)),
        "categories": ("anti_war",),
        "years": (3, 8),
        "reason": "posts",
    },
    {
        "weights": (20, 6),
        "articles": (("282.2",),),
        "categories": ("religious",),
        "years": (2, 7),
        "reason": "faith",
    },
    {
        "weights": (8, 4),
        "articles": (("205.5",), ("205.5", "205.2")),
        "categories": ("religious", "crimean_tatars"),
        "years": (10, 19),
        "reason": "faith",
        "regions": ("crimea", "sevastopol"),
    },
    {
        "weights": (2, 14),
        "articles": (("275",), ("275.1",)),
        "categories": ("anti_war",),
        "years": (12, 20),
        "reason": "donation",
    },
    {
        "weights": (1, 6),
        "articles": (("275",),),
        "categories": ("ukrainians",),
        "years": (10, 16),
        "reason": "ukraine",
        "regions": ("occupied_ukraine", "crimea"),
    },
    {
        "weights": (1, 3),
        "articles": (("275",),),
        "categories": ("scientists",),
        "years": (7, 14),
        "reason": "science",
    },
    {
        "weights": (18, 5),
        "articles": (("212.1",), ("318",)),
        "categories": ("civic_activists",),
        "years": (1, 4),
        "reason": "protest",
    },
    {
        "weights": (4, 10),
        "articles": (("284.1",), ("330.1",), ("284.1", "330.1")),
        "categories": ("politicians",),
        "years": (2, 8),
        "reason": "opposition",
    },
    {
        "weights": (4, 8),
        "articles": (("207.3",), ("284.1",), ("205.2",)),
        "categories": ("journalists",),
        "years": (4, 8),
        "reason": "journalism",
    },
    {
        "weights": (10, 4),
        "articles": (("228",),),
        "categories": ("civic_activists",),
        "years": (3, 10),
        "reason": "planted",
    },
    {
        "weights": (2, 6),
        "articles": (("205.2",), ("280.4",)),
        "categories": ("anti_war", "artists"),
        "years": (2, 7),
        "reason": "art",
    },
    {
        "weights": (2, 1),
        "articles": (("212.1",),),
        "categories": ("environmental",),
        "years": (1, 3),
        "reason": "protest",
    },
)

PROFESSIONS = (
    {
        "en": ("a teacher", "a teacher"),
        "de": ("Lehrer", "Lehrerin"),
        "fr": ("enseignant", "enseignante"),
        "ru": ("учитель", "учительница"),
    },
    {
        "en": ("an engineer", "an engineer"),
        "de": ("Ingenieur", "Ingenieurin"),
        "fr": ("ingénieur", "ingénieure"),
        "ru": ("инженер", "инженер"),
    },
    {
        "en": ("a student", "a student"),
        "de": ("Student", "Studentin"),
        "fr": ("étudiant", "étudiante"),
        "ru": ("студент", "студентка"),
    },
    {"en": ("a doctor", "a doctor"), "de": ("Arzt", "Ärztin"), "fr": ("médecin", "médecin"), "ru": ("врач", "врач")},
    {
        "en": ("a programmer", "a programmer"),
        "de": ("Programmierer", "Programmiererin"),
        "fr": ("programmeur", "programmeuse"),
        "ru": ("программист", "программистка"),
    },
    {
        "en": ("a musician", "a musician"),
        "de": ("Musiker", "Musikerin"),
        "fr": ("musicien", "musicienne"),
        "ru": ("музыкант", "музыкант"),
    },
    {
        "en": ("a lawyer", "a lawyer"),
        "de": ("Jurist", "Juristin"),
        "fr": ("juriste", "juriste"),
        "ru": ("юрист", "юрист"),
    },
    {
        "en": ("a shop owner", "a shop owner"),
        "de": ("Ladenbesitzer", "Ladenbesitzerin"),
        "fr": ("commerçant", "commerçante"),
        "ru": ("владелец магазина", "владелица магазина"),
    },
    {
        "en": ("a pensioner", "a pensioner"),
        "de": ("Rentner", "Rentnerin"),
        "fr": ("retraité", "retraitée"),
        "ru": ("пенсионер", "пенсионерка"),
    },
    {
        "en": ("a builder", "a builder"),
        "de": ("Bauarbeiter", "Bauarbeiterin"),
        "fr": ("ouvrier du bâtiment", "ouvrière du bâtiment"),
        "ru": ("строитель", "строитель"),
    },
    {
        "en": ("a librarian", "a librarian"),
        "de": ("Bibliothekar", "Bibliothekarin"),
        "fr": ("bibliothécaire", "bibliothécaire"),
        "ru": ("библиотекарь", "библиотекарь"),
    },
    {
        "en": ("a photographer", "a photographer"),
        "de": ("Fotograf", "Fotografin"),
        "fr": ("photographe", "photographe"),
        "ru": ("фотограф", "фотограф"),
    },
)

REASONS = {
    "posts": {
        "en": "over posts about the war",
        "de": "wegen Beiträgen über den Krieg",
        "fr": "pour des publications sur la guerre",
        "ru": "за публикации о войне",
    },
    "faith": {
        "en": "for practising their faith",
        "de": "wegen der Ausübung des Glaubens",
        "fr": "pour la pratique de sa foi",
        "ru": "за исповедание своей веры",
    },
    "donation": {
        "en": "over a small donation to a Ukrainian charity",
        "de": "wegen einer kleinen Spende an eine ukrainische Hilfsorganisation",
        "fr": "pour un petit don à une association ukrainienne",
        "ru": "за небольшое пожертвование украинскому фонду",
    },
    "ukraine": {
        "en": "in the occupied territories after refusing to cooperate",
        "de": "in den besetzten Gebieten nach verweigerter Zusammenarbeit",
        "fr": "dans les territoires occupés après avoir refusé de collaborer",
        "ru": "на оккупированной территории после отказа сотрудничать",
    },
    "science": {
        "en": "over scientific work with foreign colleagues",
        "de": "wegen wissenschaftlicher Arbeit mit ausländischen Kollegen",
        "fr": "pour des travaux scientifiques menés avec des collègues étrangers",
        "ru": "за научную работу с зарубежными коллегами",
    },
    "protest": {
        "en": "after peaceful protests",
        "de": "nach friedlichen Protesten",
        "fr": "après des manifestations pacifiques",
        "ru": "после мирных протестов",
    },
    "opposition": {
        "en": "for opposition work",
        "de": "wegen oppositioneller Arbeit",
        "fr": "pour son engagement dans l'opposition",
        "ru": "за оппозиционную деятельность",
    },
    "journalism": {
        "en": "over reporting",
        "de": "wegen journalistischer Arbeit",
        "fr": "pour son travail de journaliste",
        "ru": "за журналистскую работу",
    },
    "planted": {
        "en": "on charges based on planted evidence",
        "de": "aufgrund untergeschobener Beweise",
        "fr": "sur la base de preuves fabriquées",
        "ru": "по делу с подброшенными уликами",
    },
    "art": {
        "en": "over an artistic performance",
        "de": "wegen einer künstlerischen Aktion",
        "fr": "pour une performance artistique",
        "ru": "за художественную акцию",
    },
}

# status -> language -> (male, female)
STATUS_SENTENCES = {
    "serving_sentence": {
        "en": ("He is serving a sentence of {years}.", "She is serving a sentence of {years}."),
        "de": ("Er verbüßt eine Haftstrafe von {years}.", "Sie verbüßt eine Haftstrafe von {years}."),
        "fr": ("Il purge une peine de {years}.", "Elle purge une peine de {years}."),
        "ru": ("Он отбывает срок {years}.", "Она отбывает срок {years}."),
    },
    "pre_trial_custody": {
        "en": ("He is held in pre-trial detention.", "She is held in pre-trial detention."),
        "de": ("Er sitzt in Untersuchungshaft.", "Sie sitzt in Untersuchungshaft."),
        "fr": ("Il est en détention provisoire.", "Elle est en détention provisoire."),
        "ru": ("Он находится в СИЗО.", "Она находится в СИЗО."),
    },
    "house_arrest": {
        "en": ("He is under house arrest.", "She is under house arrest."),
        "de": ("Er steht unter Hausarrest.", "Sie steht unter Hausarrest."),
        "fr": ("Il est assigné à résidence.", "Elle est assignée à résidence."),
        "ru": ("Он находится под домашним арестом.", "Она находится под домашним арестом."),
    },
    "released": {
        "en": ("He has been released.", "She has been released."),
        "de": ("Er ist inzwischen frei.", "Sie ist inzwischen frei."),
        "fr": ("Il a été libéré.", "Elle a été libérée."),
        "ru": ("Он вышел на свободу.", "Она вышла на свободу."),
    },
    "emigrated": {
        "en": ("After his release he left Russia.", "After her release she left Russia."),
        "de": ("Nach der Freilassung hat er Russland verlassen.", "Nach der Freilassung hat sie Russland verlassen."),
        "fr": ("Après sa libération, il a quitté la Russie.", "Après sa libération, elle a quitté la Russie."),
        "ru": ("После освобождения он уехал из России.", "После освобождения она уехала из России."),
    },
    "deceased": {
        "en": ("He died in custody.", "She died in custody."),
        "de": ("Er ist in Haft gestorben.", "Sie ist in Haft gestorben."),
        "fr": ("Il est mort en détention.", "Elle est morte en détention."),
        "ru": ("Он умер в заключении.", "Она умерла в заключении."),
    },
}
DETAINED = {
    "en": ("{name}, {profession} ({region}), was detained in {year} {reason}.",) * 2,
    "de": ("{name}, {profession} ({region}), wurde {year} {reason} festgenommen.",) * 2,
    "fr": (
        "{name}, {profession} ({region}), a été arrêté en {year} {reason}.",
        "{name}, {profession} ({region}), a été arrêtée en {year} {reason}.",
    ),
    "ru": (
        "{name}, {profession} ({region}), был задержан в {year} году {reason}.",
        "{name}, {profession} ({region}), была задержана в {year} году {reason}.",
    ),
}
INTERESTS = (
    {"en": "books", "de": "Bücher", "fr": "les livres", "ru": "книги"},
    {"en": "chess", "de": "Schach", "fr": "les échecs", "ru": "шахматы"},
    {"en": "football", "de": "Fußball", "fr": "le football", "ru": "футбол"},
    {"en": "history", "de": "Geschichte", "fr": "l'histoire", "ru": "история"},
    {"en": "poetry", "de": "Lyrik", "fr": "la poésie", "ru": "поэзия"},
    {"en": "drawing", "de": "Zeichnen", "fr": "le dessin", "ru": "рисование"},
    {"en": "languages", "de": "Sprachen", "fr": "les langues", "ru": "языки"},
    {"en": "music", "de": "Musik", "fr": "la musique", "ru": "музыка"},
    {"en": "cooking", "de": "Kochen", "fr": "la cuisine", "ru": "кулинария"},
    {"en": "travel", "de": "Reisen", "fr": "les voyages", "ru": "путешествия"},
    {"en": "films", "de": "Filme", "fr": "le cinéma", "ru": "кино"},
    {"en": "gardening", "de": "Gartenarbeit", "fr": "le jardinage", "ru": "садоводство"},
)
MENTOR_PARLIAMENTS = (
    ("Jutta", "Beispiel", "Bundestag", "Germany"),
    ("Jean", "Exemple", "Assemblée nationale", "France"),
    ("Maria", "Voorbeeld", "Tweede Kamer", "Netherlands"),
    ("Lena", "Exempel", "Riksdag", "Sweden"),
    ("Mario", "Esempio", "Camera dei deputati", "Italy"),
    ("Tomasz", "Przykładowy", "Sejm", "Poland"),
    ("Aino", "Esimerkki", "Eduskunta", "Finland"),
    ("Lucía", "Ejemplo", "Congreso de los Diputados", "Spain"),
    ("Oliver", "Example", "House of Commons", "United Kingdom"),
    ("Rūta", "Pavyzdytė", "Seimas", "Lithuania"),
)

# Transliteration of Russian names into each language's usual Latin spelling (simplified).
_COMMON = dict(zip("абвгдезиклмнопрстуфыэ", "abvgdeziklmnoprstufye", strict=True))
TRANSLIT = {
    "en": {
        **_COMMON,
        "ё": "yo",
        "ж": "zh",
        "й": "y",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ю": "yu",
        "я": "ya",
    },
    "de": {
        **_COMMON,
        "в": "w",
        "з": "s",
        "ё": "jo",
        "ж": "sch",
        "й": "j",
        "х": "ch",
        "ц": "z",
        "ч": "tsch",
        "ш": "sch",
        "щ": "schtsch",
        "ъ": "",
        "ь": "",
        "ю": "ju",
        "я": "ja",
    },
    "fr": {
        **_COMMON,
        "у": "ou",
        "ё": "io",
        "ж": "j",
        "й": "ï",
        "х": "kh",
        "ц": "ts",
        "ч": "tch",
        "ш": "ch",
        "щ": "chtch",
        "ъ": "",
        "ь": "",
        "ю": "iou",
        "я": "ia",
    },
}
_ENDINGS = {"en": {"ий": "y", "ый": "y"}, "de": {"ий": "i", "ый": "y"}, "fr": {"ий": "i", "ый": "y"}}
_VOWELS = "аеёиоуыэюя"


def transliterate(name: str, language: str) -> str:
    if language == "ru":
        return name
    return " ".join(_word(word, language) for word in name.split())


def _word(word: str, language: str) -> str:
    lower = word.lower()
    ending = ""
    for cyrillic, latin in _ENDINGS[language].items():
        if lower.endswith(cyrillic):
            lower, ending = lower[: -len(cyrillic)], latin
    table = TRANSLIT[language]
    out = []
    for index, char in enumerate(lower):
        after_vowel = index == 0 or lower[index - 1] in _VOWELS + "ьъ"
        if char == "е" and after_vowel:
            out.append({"en": "ye", "de": "je", "fr": "ie"}[language] if index else "e")
        elif (
            char == "с"
            and language in ("de", "fr")
            and 0 < index < len(lower) - 1
            and after_vowel
            and (lower[index + 1] in _VOWELS)
        ):
            out.append("ss")
        else:
            out.append(table.get(char, char))
    latin = "".join(out) + ending
    if language == "de":
        latin = latin.replace("ks", "x")
    return latin[:1].upper() + latin[1:]


def weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def years_text(years: int, language: str) -> str:
    if language == "ru":
        last, last_two = years % 10, years % 100
        word = (
            "год" if last == 1 and last_two != 11 else "года" if 2 <= last <= 4 and not 12 <= last_two <= 14 else "лет"
        )
        return f"{years} {word}"
    word = {"en": ("year", "years"), "de": ("Jahr", "Jahren"), "fr": ("an", "ans")}[language][years != 1]
    return f"{years} {word}"


def person(rng, today: date, region_label) -> dict:
    """One invented person; ``region_label(code, language)`` gives the region's name in a language."""
    gender = "male" if rng.random() < 0.8 else "female"
    female = gender == "female"
    name_ru = f"{rng.choice(FIRST_NAMES[gender])} {rng.choice(SURNAME_ROOTS)}{rng.choice(SURNAME_FORMS[gender])}"
    year = weighted(rng, YEARS)
    kind = rng.choices(CASE_KINDS, weights=[k["weights"][year >= 2022] for k in CASE_KINDS])[0]
    region = rng.choice(kind["regions"]) if "regions" in kind else _region(rng)
    detained = min(date(year, 1, 1) + timedelta(days=rng.randrange(365)), today - timedelta(days=30))
    status = weighted(rng, STATUSES)
    sentence_years = rng.randint(*kind["years"])
    if status in ("pre_trial_custody", "house_arrest"):
        # Nobody waits for a trial for years: these cases are recent.
        detained = max(detained, today - timedelta(days=rng.randrange(60, 700)))
        year = detained.year
    born = date(rng.randint(1950, 2004), 1, 1) + timedelta(days=rng.randrange(365))
    facts = {
        "name_ru": name_ru,
        "gender": gender,
        "date_of_birth": born,
        "birth_year": born.year,
        "region": region,
        "articles": list(rng.choice(kind["articles"])),
        "case_categories": list(kind["categories"]),
        "status": status,
        "date_of_detention": detained,
        "recognised_on": min(detained + timedelta(days=rng.randrange(60, 400)), today),
        "criteria_version": 1,
        "category": "A" if rng.random() < 0.75 else "B",
    }
    if status in ("serving_sentence", "released", "emigrated", "deceased"):
        regime = "strict" if sentence_years >= 8 else "general"
        facts["sentence"] = f"{sentence_years} years, {regime} regime colony"
    if status == "serving_sentence":
        facts["expected_release"] = detained + timedelta(days=int(sentence_years * 365.25))
        facts["place_of_detention"] = "Penal colony No. 0 (fictional)"
    elif status == "pre_trial_custody":
        facts["place_of_detention"] = "Pre-trial detention centre No. 0 (fictional)"
    elif status == "house_arrest":
        facts["place_of_detention"] = "House arrest"
    editorial = _editorial(rng, status)
    profession = rng.choice(PROFESSIONS)
    interests = rng.sample(INTERESTS, rng.randint(2, 3))
    texts = {}
    for language in LANGUAGES:
        name = transliterate(name_ru, language)
        detained_sentence = DETAINED[language][female].format(
            name=name,
            profession=profession[language][female],
            region=region_label(region, language),
            year=year,
            reason=REASONS[kind["reason"]][language],
        )
        status_sentence = STATUS_SENTENCES[status][language][female].format(years=years_text(sentence_years, language))
        listed = ", ".join(item[language] for item in interests)
        texts[language] = {
            "title": name,
            "story": f"<p>{detained_sentence} {status_sentence}</p>",
            "interests": listed[:1].upper() + listed[1:] + ".",
        }
    return {"facts": facts, "editorial": editorial, "texts": texts}


def _region(rng) -> str:
    if rng.randrange(100) < OTHER_REGIONS_WEIGHT:
        return rng.choice(OTHER_REGIONS)
    return weighted(rng, FREQUENT_REGIONS)


def _editorial(rng, status: str) -> dict:
    imprisoned = status in ("serving_sentence", "pre_trial_custody")
    letters = imprisoned and rng.random() < 0.7
    facility = "СИЗО-0" if status == "pre_trial_custody" else "ИК-0"
    mentors = []
    if status != "deceased" and rng.random() < 0.12:
        first, surname, parliament, country = rng.choice(MENTOR_PARLIAMENTS)
        mentors.append(f"{first} {surname}, {parliament}, {country}")
    return {
        "letters_possible": letters,
        "postal_address": (
            f"ФКУ {facility} УФСИН России (вымышленное учреждение)\n"
            f"{rng.randrange(1, 999):06d}, г. Примерск, ул. Вымышленная, д. {rng.randrange(1, 99)}"
        )
        if letters
        else None,
        "mentors": mentors,
        "seeks_mentor": not mentors and imprisoned and rng.random() < 0.25,
        "portrait": rng.random() < 0.6,
    }

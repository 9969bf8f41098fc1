"""Fictional case files of the demo: one recognised and published, one nominated and waiting.

Every name, place and contact here is invented; the "confidential" values are placeholders that show
where such data would be and that it never reaches the public site.
"""

from datetime import date


PUBLISHED_CASE = {
    "full_name": "Михаил Вымышленный",
    "full_name_latin": "Mikhail Vymyshlenny",
    "date_of_birth": date(1987, 4, 9),
    "gender": "male",
    "region": "tver",
    "nominating_organisation": "alpha",
    "articles": ["207.3"],
    "date_of_detention": date(2024, 2, 12),
    "court": "Tver district court (fictional)",
    "sentence": "6 years, general regime colony",
    "place_of_detention": "Penal colony No. 0 (fictional)",
    "status": "serving_sentence",
    "narrative": "<p>A fictional teacher sentenced for posts about the war.</p>",
    "lawyer_contacts": "Demo lawyer, +7 000 000-00-00 (fictional)",
    "relatives_contacts": "Demo relative, +7 000 000-00-01 (fictional)",
    "home_address": "Demo street 1 (fictional)",
    "health_notes": "None recorded (fictional)",
    "risk_level": "low",
    "publication_consent": "family",
    "consent_date": date(2024, 6, 1),
}

NOMINATED_CASE = {
    "full_name": "Елена Примерная",
    "full_name_latin": "Elena Primernaya",
    "date_of_birth": date(1995, 11, 23),
    "gender": "female",
    "region": "perm",
    "nominating_organisation": "beta",
    "articles": ["280.3", "212.1"],
    "date_of_detention": date(2025, 3, 8),
    "status": "pre_trial_custody",
    "narrative": "<p>A fictional student detained after a single picket.</p>",
    "lawyer_contacts": "Demo lawyer 2 (fictional)",
    "risk_level": "medium",
    "publication_consent": "none",
}

PUBLISHED_CATEGORY = "A"
DECISION_REASONING = "Fictional demo decision: prosecuted solely for expressing an opinion (C1, C2)."

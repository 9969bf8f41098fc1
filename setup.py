"""coalition.intranet: the coalition's intranet and public multilingual website on Plone 6.2."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = Path(__file__).parent.joinpath("README.md").read_text(encoding="utf-8")

setup(
    name="coalition.intranet",
    version="1.0.0.dev0",
    description="Members' intranet and public website of a coalition supporting political prisoners",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
    ],
    license="GPL-2.0-or-later",
    package_dir={"": "src"},
    packages=find_namespace_packages(where="src", include=["coalition.*"]),
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Plone",
        "plone.api",
        "plone.app.caching",
        "plone.app.iterate",
        "plone.app.multilingual",
        "collective.honeypot",
        # Encryption at rest (security/encryption): AES-256-GCM with envelope keys.
        "cryptography",
        "plone.classicui",
        "plone.distribution",
        "plone.restapi",
        "Products.CMFPlacefulWorkflow",
        # The second factor (security/twofactor): TOTP codes and their QR codes.
        "pyotp",
        "segno",
        "openpyxl",
        "Pillow",
        # Scale-out (docs/scaling.md): RelStorage on PostgreSQL. psycopg2-binary is the driver; the
        # RelStorage[postgresql] extra would build psycopg2 from source instead.
        "psycopg2-binary",
        "RelStorage",
        # Password rules (security/login): a password too easy to guess is refused when it is set.
        "zxcvbn",
        "Zope[wsgi]",
    ],
    extras_require={
        "test": [
            "aiosmtpd",
            "plone.app.testing",
            "plone.testing",
            "playwright",
            "zope.testrunner",
        ],
        "dev": [
            "i18ndude",
            "ruff",
            "zpretty",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
    },
)

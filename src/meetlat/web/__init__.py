"""The web application: invitations, the questionnaire online, placement and advice.

Django lives here and nowhere else. The pages call the use cases of ``meetlat.app``
(the same code as the CLI) and render; they hold no rule of their own. The settings
are ``meetlat.web.config`` (read from ``meetlat.settings.load_web``), the database a
SQLite file in the workspace unless MEETLAT_DATABASE_URL names PostgreSQL.
"""

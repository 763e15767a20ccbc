"""Use cases shared by every front end (the CLI, the demo, the web application, reports,
collectors): plain functions that take a workspace and arguments and return dataclasses
or frames. Nothing here prints, and nothing here imports typer, rich or Django.

One module per use case: ``importing`` (files into archive and warehouse, with the facts
policy), ``accounts`` (the accounts registry), ``facts`` (keeping the measurement facts
fresh), ``measuring`` (measure, rank, compare, activity, words), ``verifying`` (the
archive), ``questionnaire`` (the survey and the growth-model placement).
"""

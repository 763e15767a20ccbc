"""The web application's addresses (Dutch paths)."""

from django.contrib import admin
from django.urls import include, path

from meetlat.web import api
from meetlat.web.views import (
    coding,
    dashboard,
    issues,
    opendata,
    public,
    questionnaire,
    registry,
    research,
    webcare,
)

app_name = "meetlat"

questionnaire_urls = [
    path("", questionnaire.overview, name="questionnaire"),
    path("pagina/<slug:group>/", questionnaire.page, name="page"),
    path("antwoord/<str:question_id>/", questionnaire.autosave, name="autosave"),
    path("indienen/", questionnaire.submit, name="submit"),
    path("uitslag/", questionnaire.result, name="result"),
    path("antwoorden.csv", questionnaire.answers_csv, name="answers-csv"),
    path("collega/", questionnaire.colleagues, name="colleagues"),
]
research_urls = [
    path("", research.home, name="research"),
    path("accountregister/", registry.registry, name="registry"),
    path("codeeropdrachten/", coding.jobs, name="coding-jobs"),
    path("codeeropdrachten/<int:job>/", coding.job_detail, name="coding-job"),
    path("codeeropdrachten/<int:job>/uitnodigen/", coding.job_invite, name="coding-invite"),
    path("codeeropdrachten/<int:job>/status/", coding.job_change, name="coding-change"),
    path("codeeropdrachten/<int:job>/uitslag/", coding.job_results, name="coding-results"),
    path("codeeropdrachten/<int:job>/coderingen.csv", coding.job_labels_csv, name="coding-csv"),
    path("<str:edition>/respons/", research.response, name="response"),
    path("<str:edition>/uitnodigen/", research.invite, name="invite"),
    path("<str:edition>/importeren/", research.import_answers, name="import"),
    path("<str:edition>/plaatsingen/", research.placements, name="placements"),
    path("<str:edition>/cijfers/", research.figures, name="figures"),
    path("<str:edition>/publiceren/", research.publish, name="publish"),
    path("<str:edition>/<str:code>/heropenen/", research.reopen, name="reopen"),
]
opendata_urls = [
    path("", opendata.index, name="opendata"),
    path("<str:edition>/<str:version>/", opendata.version, name="opendata-version"),
    path(
        "<str:edition>/<str:version>/<slug:name>.<slug:fmt>",
        opendata.download,
        name="opendata-download",
    ),
]
dashboard_urls = [
    path("", dashboard.index, name="dashboards"),
    path("<str:code>/", dashboard.home, name="dashboard-home"),
    path("<str:code>/<str:period>/", dashboard.page, name="dashboard"),
]
webcare_urls = [
    path("", webcare.page, name="webcare"),
    path("coderen/", webcare.code_job, name="webcare-code"),
    path("kwesties/", issues.index, name="issues"),
    path("kwesties/<slug:slug>/", issues.report, name="issue"),
    path("kwesties/<slug:slug>.pdf", issues.report_pdf, name="issue-pdf"),
]
overview_urls = [
    path("", dashboard.overview_index, name="overview-index"),
    path("<str:edition>/concept/", dashboard.overview_draft, name="overview-draft"),
    path("<str:edition>/<str:version>/", dashboard.overview, name="overview"),
]
meetlat_urls = [
    path("", public.home, name="home"),
    path("inloggen/", public.Login.as_view(), name="login"),
    path("uitloggen/", public.logout, name="logout"),
    path("taal/", public.language, name="language"),
    path("uitnodiging/<str:token>/", public.invitation, name="invitation"),
    path("vragenlijst/<str:edition>/<str:code>/", include(questionnaire_urls)),
    path("onderzoek/", include(research_urls)),
    path("opendata/", include(opendata_urls)),
    path("dashboard/", include(dashboard_urls)),
    path("overzicht/", include(overview_urls)),
    path("coderen/<int:job>/", coding.code, name="code"),
    path("coderen/<int:job>/codering/", coding.code_label, name="code-label"),
    path("webcare/<str:code>/", include(webcare_urls)),
    path("api/v1/", include(api.urlpatterns)),
]
urlpatterns = [
    path("", include((meetlat_urls, "meetlat"))),
    path("admin/", admin.site.urls),
]
handler404 = "meetlat.web.views.public.not_found"
handler500 = "meetlat.web.views.public.server_error"

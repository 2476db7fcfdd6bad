"""Planning pages (/planning/…) and the account's planning tabs (/accounts/<pk>/sales/ …):
one namespace, `planning:`. Each routes module writes its paths in full."""

from planning.routes import account_tab, clones, development, imports, plans, sales, whitespace

app_name = "planning"

urlpatterns = [
    *imports.urlpatterns,
    *sales.urlpatterns,
    *plans.urlpatterns,
    *clones.urlpatterns,
    *account_tab.urlpatterns,
    *development.urlpatterns,
    *whitespace.urlpatterns,
]

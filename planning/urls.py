"""Planning pages (/planning/…) and the account's planning tabs (/accounts/<pk>/sales/ …):
one namespace, `planning:`. Each routes module writes its paths in full."""

from planning.routes import imports, plans, sales

app_name = "planning"

urlpatterns = [*imports.urlpatterns, *sales.urlpatterns, *plans.urlpatterns]

"""The import page: upload an ERP export, see the preview (totals or errors), apply it."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.core.access import deny_forbidden
from planning.forms.imports import SalesUploadForm
from planning.imports import parsing, pending
from planning.models import SalesImport
from planning.services.imports import ImportRefused, may_import_sales, sales_import_apply, sales_import_preview

RECENT_IMPORTS = 10


def _require_importer(request: HttpRequest) -> None:
    if not may_import_sales(request.user):
        raise deny_forbidden(request.user, "import sales", "planning:import")


def recent_imports_for_user(*, user) -> list[SalesImport]:
    """The last imports: all of them for directors and administrators, a KAM's own for a KAM.
    One query."""
    imports = SalesImport.objects.select_related("imported_by")
    if user.is_kam:
        imports = imports.filter(imported_by=user)
    return list(imports[:RECENT_IMPORTS])


def _page(request: HttpRequest, form: SalesUploadForm, **context) -> HttpResponse:
    context.update(
        form=form, recent=recent_imports_for_user(user=request.user), nav="planning", currency=settings.KAM_CURRENCY
    )
    return render(request, "planning/import.html", context)


@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """GET: the upload form and the last imports. POST: keep the upload and show its preview."""
    _require_importer(request)
    if request.method == "GET":
        return _page(request, SalesUploadForm())
    form = SalesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    pending.keep(request, form.cleaned_data["file"])
    path, file_name = pending.get(request)
    validation = sales_import_preview(by=request.user, path=path)
    if not validation.ok:
        pending.discard(request)
    return _page(request, SalesUploadForm(), preview=validation, file_name=file_name)


@require_POST
def import_apply(request: HttpRequest) -> HttpResponse:
    """Apply the file previewed in this session, all rows or none."""
    _require_importer(request)
    kept = pending.get(request)
    if kept is None:
        messages.error(request, _("There is no previewed file to apply: upload it again."))
        return redirect("planning:import")
    path, file_name = kept
    try:
        sales_import = sales_import_apply(by=request.user, path=path, file_name=file_name)
    except ImportRefused as refused:
        pending.discard(request)
        return _page(request, SalesUploadForm(), preview=refused.validation, file_name=file_name)
    pending.discard(request)
    messages.success(
        request,
        _("%(file)s imported: %(rows)s rows, %(replaced)s earlier records replaced.")
        % {"file": file_name, "rows": sales_import.rows, "replaced": sales_import.replaced},
    )
    return redirect("planning:import")


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """A sample CSV with the expected columns."""
    _require_importer(request)
    response = HttpResponse(parsing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sales-import-template.csv"'
    return response

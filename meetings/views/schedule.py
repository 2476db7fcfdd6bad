from django.http import Http404


def meeting_schedule(request, *args, **kwargs):  # placeholder until written
    raise Http404


def meeting_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404


def meeting_cancel(request, *args, **kwargs):  # placeholder until written
    raise Http404

from django.http import Http404


def meeting_ics(request, *args, **kwargs):  # placeholder until written
    raise Http404


def calendar_feed(request, *args, **kwargs):  # placeholder until written
    raise Http404

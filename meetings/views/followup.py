from django.http import Http404


def meeting_hold(request, *args, **kwargs):  # placeholder until written
    raise Http404


def topic_outcome(request, *args, **kwargs):  # placeholder until written
    raise Http404


def target_agreed(request, *args, **kwargs):  # placeholder until written
    raise Http404


def signals_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404


def minutes_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404

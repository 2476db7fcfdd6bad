from django.http import Http404


def meeting_list(request, *args, **kwargs):  # placeholder until written
    raise Http404


def account_meetings_tab(request, *args, **kwargs):  # placeholder until written
    raise Http404

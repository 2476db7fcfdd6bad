from django.http import Http404


def meeting_detail(request, *args, **kwargs):  # placeholder until written
    raise Http404

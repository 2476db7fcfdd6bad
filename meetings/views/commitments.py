from django.http import Http404


def commitment_queue(request, *args, **kwargs):  # placeholder until written
    raise Http404


def commitment_detail(request, *args, **kwargs):  # placeholder until written
    raise Http404


def commitment_progress(request, *args, **kwargs):  # placeholder until written
    raise Http404

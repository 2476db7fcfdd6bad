from django.http import Http404


def commitment_add(request, *args, **kwargs):  # placeholder until written
    raise Http404


def commitment_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404

from django.http import Http404


def topic_add(request, *args, **kwargs):  # placeholder until written
    raise Http404


def topic_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404


def topic_move(request, *args, **kwargs):  # placeholder until written
    raise Http404


def topic_delete(request, *args, **kwargs):  # placeholder until written
    raise Http404


def target_add(request, *args, **kwargs):  # placeholder until written
    raise Http404


def target_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404


def target_delete(request, *args, **kwargs):  # placeholder until written
    raise Http404


def checklist_item_edit(request, *args, **kwargs):  # placeholder until written
    raise Http404

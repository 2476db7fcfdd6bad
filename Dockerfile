# KAM's production image. One image runs every role of docker-compose.yml: the gunicorn web
# server, the Celery worker and Celery beat; the command chooses which.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint draws the briefing packs with Pango; DejaVu has the Cyrillic glyphs the packs need.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Requirements first, so a code change does not reinstall every package.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code stays owned by root: the app's user can read it, not change it.
COPY . .
# Static files are part of the image (WhiteNoise serves them with hashed names). Collecting
# them imports the production settings, which insist on a key and hosts: these two are for
# this step only and do not reach the running containers.
RUN DJANGO_ENV=production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

# The only places the app writes: uploaded attachments (a volume in docker-compose.yml).
RUN useradd --system --create-home --uid 10001 kam \
    && mkdir -p /data/media \
    && chown kam:kam /data/media
ENV MEDIA_ROOT=/data/media
USER kam

EXPOSE 8000
CMD ["gunicorn", "kam.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]

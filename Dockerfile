# Dateline's API and map page in a container (docs/store.md, "Docker"):
#   docker build -t dateline .
#   docker run --rm --user "$(id -u)" -v "$PWD/data:/data" dateline ingest /data/articles --db /data/dateline.db
#   (--user: the container runs as uid 10001, which cannot write a bind-mounted folder of yours)
#   docker run --rm -p 8000:8000 -v "$PWD/data:/data" dateline        # http://localhost:8000/
# The server listens on every interface inside the container and answers to the Host names
# localhost and 127.0.0.1 only (serve/guard.py); for another name add `--allowed-host NAME`:
#   docker run -p 8000:8000 -v "$PWD/data:/data" dateline serve --db /data/dateline.db \
#     --host 0.0.0.0 --allowed-host events.example.org
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATELINE_CACHE=/var/cache/dateline \
    PATH=/app/.venv/bin:$PATH

WORKDIR /app
COPY . /app
# scripts/install: the pinned, hash-checked dependencies and the English model into /app/.venv.
# Then one extraction builds the gazetteer index into $DATELINE_CACHE (the first run's work) and
# shows the image works before it is tagged.
RUN ./scripts/install \
    && dateline extract samples/sahel-convoy-ambush.txt > /dev/null \
    && useradd --system --uid 10001 --home-dir /var/cache/dateline dateline \
    && mkdir -p /data \
    && chown -R dateline /data /var/cache/dateline

USER dateline
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["dateline"]
CMD ["serve", "--db", "/data/dateline.db", "--host", "0.0.0.0", "--port", "8000"]

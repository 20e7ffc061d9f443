# CPU image by default. For NVIDIA GPUs:
#   docker build --build-arg BASE=nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04 \
#                --build-arg EXTRAS=gpu -t eventlens:gpu .
ARG BASE=python:3.11-slim
FROM ${BASE}
ARG EXTRAS=""

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ANONYMIZED_TELEMETRY=False \
    EVENTLENS_HOME=/data

# The CUDA base images carry no Python; the slim image already has it.
RUN if ! command -v python3 >/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends python3 python3-venv \
        && rm -rf /var/lib/apt/lists/*; \
    fi \
    && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY core ./core
COPY storage ./storage
COPY locales ./locales
COPY eventlens ./eventlens
RUN pip install --upgrade pip \
    && if [ -n "$EXTRAS" ]; then \
         pip install ".[${EXTRAS}]" && pip uninstall -y onnxruntime && pip install --force-reinstall --no-deps onnxruntime-gpu; \
       else pip install .; fi

# Fonts for the printable table cards: DejaVu (Latin, Cyrillic), Lohit (Devanagari).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-lohit-deva \
    && rm -rf /var/lib/apt/lists/*

# Run as an unprivileged user that owns only the data volume (and /originals, where
# deploy/compose.yaml mounts the originals every process shares: EVENTLENS_BLOBS_DIR).
RUN useradd --system --uid 10001 --home-dir /data eventlens \
    && mkdir -p /data /originals && chown eventlens /data /originals && chmod 700 /data /originals
USER eventlens
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["eventlens"]
CMD ["demo"]

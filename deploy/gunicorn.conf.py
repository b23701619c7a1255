"""gunicorn settings for Sinergi (docs/deploy.md). Values come from the environment so one file serves every
machine."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sinergi's requests wait on PostgreSQL and WeasyPrint, not on the CPU alone: two workers per core.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A one-page PDF takes about a second; longer registers go to the worker. Nothing else should take this long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Recycle workers now and then so a slow leak in a native library (Pango, Pillow) never accumulates.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

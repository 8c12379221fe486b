"""gunicorn settings for fieldapp behind nginx (docs/deploy.md).

Threads serve phones on slow links without tying up a process each; a worker
is recycled after some requests so a case-file PDF's peak memory (WeasyPrint
holds the whole document) is given back.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A case file of a large household takes a few seconds; bulk printing is a job.
timeout = 120
graceful_timeout = 30
keepalive = 5
max_requests = 1000
max_requests_jitter = 100
# The app writes its own access log (ACCESS_LOG=1) without personal data;
# gunicorn's would carry query strings (a search for a name).
accesslog = None
errorlog = "-"
loglevel = "info"
# nginx is the only client; it sets X-Forwarded-* (the app trusts TRUSTED_PROXIES).
forwarded_allow_ips = "127.0.0.1"

"""gunicorn server hooks for `quotetrail serve` (loaded with `-c python:quotetrail.gunicorn_hooks`).

The master process, and only it, starts the store's poller (poller.py) once it is ready, and stops
it on the way out: one poller however many workers run. The settings come from the app's config
(app.config POLL, FEEDS, POLL_INTERVAL, RETENTION_DAYS, DB), loaded in the master by --preload.
"""
_poller = None


def when_ready(server):
    global _poller
    from .poller import spawn

    _poller = spawn(server.app.wsgi().config, logger=server.log)


def on_exit(server):
    from .poller import terminate

    terminate(_poller)

"""The benchmark server names the worker that answered each request
(``X-Benchmark-Worker``: its process id), so that ``run.py`` can warm every
worker up before measuring. Benchmark settings only."""

import os


class WorkerHeaderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.worker = str(os.getpid())

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Benchmark-Worker"] = self.worker
        return response

"""Public URLs of the programmes app (under the language prefix)."""

urlpatterns = []

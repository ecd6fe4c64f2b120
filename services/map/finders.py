from django.contrib.staticfiles.finders import FileSystemFinder


class PackagedFilesFinder(FileSystemFinder):
    """STATICFILES_DIRS less the minified cluster script, whose source map its package lacks:
    collectstatic's hashed storage refuses a file pointing at a missing map. The page uses the
    unminified script (WhiteNoise compresses it)."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), "leaflet.markercluster.js"])

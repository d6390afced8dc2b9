#!/usr/bin/env bash
# Restore a backup of deploy/backup.sh into an empty database and media folder.
#
#   createdb portal_restored
#   DATABASE_URL=postgres://…/portal_restored MEDIA_ROOT=/srv/portal/media-restored deploy/restore.sh FOLDER
#
# Refuses a database that has tables or a media folder that has files: it
# never mixes a backup with other data. Checks the checksums first; the
# database is restored in one transaction (all or nothing). Then, with the
# portal's code of the backup's time: manage.py migrate --check, and start it.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is not set}" "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
folder="${1:?name the backup folder}"
(cd "$folder" && sha256sum --quiet --check SHA256SUMS)
tables=$(psql -XAtq -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" "$DATABASE_URL")
if [ "$tables" != 0 ]; then
    echo "restore: the database of DATABASE_URL has $tables tables; restore into a new, empty one" >&2
    exit 1
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    echo "restore: $MEDIA_ROOT is not empty; restore into a new folder" >&2
    exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" \
    "$folder/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$folder/media.tar.gz" --directory="$MEDIA_ROOT"
echo "restored $folder"

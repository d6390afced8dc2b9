#!/usr/bin/env bash
# A backup of the portal: the database (pg_dump, custom format) and the media
# folder (tar), in a new folder named by the UTC time, with their checksums.
#
#   deploy/backup.sh [DESTINATION]      # default $PORTAL_BACKUP_DIR
#
# Reads DATABASE_URL, MEDIA_ROOT and PORTAL_BACKUP_DIR (deploy/portal.env.example).
# The database is dumped first: every file a row names is then in the archive
# (a file uploaded meanwhile is in it too, unused). pg_dump takes a consistent
# snapshot while the portal runs. Prints the new folder's path last.
# Restore with deploy/restore.sh FOLDER.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is not set}" "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
destination="${1:-${PORTAL_BACKUP_DIR:?give a destination or set PORTAL_BACKUP_DIR}}"
folder="$destination/portal-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$folder"
# Owner and grants are the new server's: the dump names none.
pg_dump --format=custom --no-owner --no-privileges --file="$folder/database.dump" "$DATABASE_URL"
tar --create --gzip --file="$folder/media.tar.gz" --directory="$MEDIA_ROOT" .
(cd "$folder" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "$folder"

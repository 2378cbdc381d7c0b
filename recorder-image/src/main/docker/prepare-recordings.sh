#!/bin/sh
# Gives the recorder (uid 10001) write access to the node's recordings folder.
#
# Run it as root in the recorder pod's initContainer: the same image, command
# ["/opt/recorder/prepare-recordings"], securityContext.runAsUser: 0, the recordings hostPath
# mounted as for the recorder, and CAMERA_ID (and RECORDINGS_PATH if not /recordings) set as for it.
#
# Why: the kubelet creates a hostPath (type DirectoryOrCreate) as root:root 0755, and fsGroup
# does not apply to hostPath volumes. The recorder needs to create {camera-id}/ and
# .falcon-eye/{camera-id}/, and its free-space guard deletes the oldest files of every camera
# folder. So the recordings root, .falcon-eye and every camera folder are handed to uid 10001;
# the files in them are left as they are (deleting a file needs write access to its folder only).
set -eu
root="${RECORDINGS_PATH:-/recordings}"
uid="${RECORDER_UID:-10001}"
camera="${CAMERA_ID:?CAMERA_ID is required}"
case "$camera" in
  */* | .* | "") echo "prepare-recordings: invalid CAMERA_ID '$camera'" >&2; exit 2 ;;
esac
mkdir -p "$root/$camera" "$root/.falcon-eye/$camera"
find "$root" -maxdepth 2 -type d ! -user "$uid" -exec chown "$uid:$uid" {} +
echo "prepare-recordings: $root writable by uid $uid"

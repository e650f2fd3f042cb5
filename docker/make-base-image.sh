#!/usr/bin/env bash
# Makes the two local base images the Dockerfile builds from, with no container registry:
#
#   warren-base:bookworm  minimal Debian bookworm (debootstrap minbase, security updates applied);
#                         the runtime image adds a jlinked JRE and the broker to it.
#   warren-jdk:bookworm   the same plus openjdk-17-jdk-headless (which carries the jmods), used only
#                         by the Dockerfile's jlink stage.
#
# Packages come from the Debian mirror this machine's apt already uses (override with
# DEBIAN_MIRROR / DEBIAN_SECURITY_MIRROR). Idempotent: exits at once when both images exist.
# Needs root, debootstrap and a running Docker engine.
set -euo pipefail

base_image=${WARREN_BASE_IMAGE:-warren-base:bookworm}
jdk_image=${WARREN_JDK_IMAGE:-warren-jdk:bookworm}
suite=bookworm

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

if have_image "$base_image" && have_image "$jdk_image"; then
  echo "make-base-image: $base_image and $jdk_image already exist"
  exit 0
fi

# Prints the URI apt uses for the given suite, from deb822 .sources stanzas or one-line .list
# entries, so the images come from the same (possibly snapshot or internal) mirror as the host.
apt_uri_for_suite() {
  local wanted=$1
  {
    awk -v s="$wanted" '
      function flush() { if (found && uri != "") print uri; uri = ""; found = 0 }
      FNR == 1           { flush() }
      /^URIs:/           { uri = $2 }
      /^Suites:/         { for (i = 2; i <= NF; i++) if ($i == s) found = 1 }
      /^[[:space:]]*$/   { flush() }
      END                { flush() }
    ' /etc/apt/sources.list.d/*.sources 2>/dev/null
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed -E 's/\[[^]]*\]//' | awk -v s="$wanted" '$1 == "deb" && $3 == s { print $2 }'
  } | head -n 1 || true  # a missing sources file is normal: the caller falls back to deb.debian.org
}

mirror=${DEBIAN_MIRROR:-$(apt_uri_for_suite "$suite")}
mirror=${mirror:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-$(apt_uri_for_suite "$suite-security")}
security_mirror=${security_mirror:-http://deb.debian.org/debian-security}

rootfs=$(mktemp -d /var/tmp/warren-rootfs.XXXXXX)
# apt downloads as the unprivileged _apt user, which must be able to enter the root.
chmod 755 "$rootfs"

# Package scripts need /proc (ca-certificates-java runs java) and apt wants a pty for its log.
mount_pseudo_filesystems() {
  mount -t proc proc "$rootfs/proc"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$rootfs/dev/pts"
}
umount_pseudo_filesystems() {
  umount "$rootfs/dev/pts" 2>/dev/null || true
  umount "$rootfs/proc" 2>/dev/null || true
}
cleanup() {
  umount_pseudo_filesystems
  rm -rf --one-file-system "$rootfs"
}
trap cleanup EXIT

in_rootfs() { chroot "$rootfs" /usr/bin/env DEBIAN_FRONTEND=noninteractive "$@"; }

# Applies Debian's updates, installs the given packages, and drops what an image does not need
# at run time: downloaded packages, package lists, documentation.
apt_in_rootfs() {
  mount_pseudo_filesystems
  in_rootfs apt-get -q update >/dev/null
  in_rootfs apt-get -q -y upgrade >/dev/null
  if [ $# -gt 0 ]; then
    in_rootfs apt-get -q -y install --no-install-recommends "$@" >/dev/null
  fi
  in_rootfs apt-get clean
  umount_pseudo_filesystems
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
         "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log "$rootfs"/var/cache/debconf/*-old
}

# docker import keeps no environment, so PATH is set here as every Debian image sets it.
import_rootfs() {
  local tag=$1
  tar --numeric-owner --xattrs -C "$rootfs" -c . \
    | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["/bin/bash"]' \
        - "$tag" >/dev/null
  echo "make-base-image: built $tag"
}

echo "make-base-image: debootstrap $suite from $mirror"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >/dev/null
cat > "$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security_mirror $suite-security main
SOURCES

apt_in_rootfs
import_rootfs "$base_image"

apt_in_rootfs openjdk-17-jdk-headless
import_rootfs "$jdk_image"

"""Build the Debian package from the PyInstaller folder: ``make installer``.

Lays out ``build/deb/`` as the package's file system, then calls ``dpkg-deb``
(no build service, no debhelper):

- the program under ``/opt/testimonio`` (the one-folder build, unchanged);
- ``/usr/bin/testimonio``, a link to it, so the command is on the PATH;
- the menu entry and the icon at their freedesktop places
  (``/usr/share/applications``, ``/usr/share/icons/hicolor``), which the
  desktop-file-utils and hicolor-icon-theme triggers pick up by themselves;
- ``/usr/share/doc/testimonio``: copyright, changelog and the install guide.

No maintainer scripts: the package installs and removes files and nothing
else. A user's vault and settings live in that user's home folder, which the
package never touches, so ``apt-get remove`` (or ``purge``) leaves them.

Prints the .deb's size and the installed size, and adds the .deb to
``dist/SHA256SUMS``.
"""

from __future__ import annotations

import gzip
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "testimonio"
STAGE = ROOT / "build" / "deb"
sys.path.insert(0, str(ROOT / "packaging"))
from sums import add_sums  # noqa: E402

DEB_TARGET_MB = 70
INSTALLED_TARGET_MB = 150

# The shared libraries Qt's xcb platform plugin loads that the build does not
# carry (the same list as `make sysdeps`). Ubuntu 24.04 renamed GLib's package.
DEPENDS = [
    "libc6 (>= 2.31)", "libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0",
    "libfontconfig1", "libdbus-1-3", "libglib2.0-0t64 | libglib2.0-0", "libxcb-cursor0",
    "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-xinerama0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-image0", "fonts-dejavu-core",
]

# Lintian's checks that do not fit a self-contained program under /opt, each
# with the reason (shipped in the package, as Debian's tools expect).
LINTIAN_OVERRIDES = """\
# The program is one self-contained folder (PyInstaller), kept apart from the
# system's own files as the Filesystem Hierarchy Standard says add-on software is.
testimonio: dir-or-file-in-opt [opt/*]
# Python, Qt, SQLCipher and PDFium are carried inside that folder so that the
# versions tested are the versions run; they are not separate Debian packages,
# and they are shipped as their projects built them (compiler flags, search
# paths, spelling in their strings, their metadata and licence files).
testimonio: embedded-library *
testimonio: shared-library-lacks-prerequisites *
testimonio: library-not-linked-against-libc *
testimonio: hardening-no-fortify-functions *
testimonio: hardening-no-bindnow *
testimonio: custom-library-search-path *
testimonio: spelling-error-in-binary *
testimonio: package-contains-documentation-outside-usr-share-doc *
testimonio: extra-license-file *
testimonio: national-encoding *
# PyInstaller's own start-up program is built without PIE.
testimonio: hardening-no-pie [opt/testimonio/testimonio]
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: testimonio

Files: *
Copyright: 2025-2026 The Testimonio authors
License: GPL-3+
 This program is free software: you can redistribute it and/or modify it
 under the terms of the GNU General Public License as published by the Free
 Software Foundation, either version 3 of the License, or (at your option)
 any later version.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 3 can be found in "/usr/share/common-licenses/GPL-3".
 .
 The program folder under /opt/testimonio carries Python, Qt for Python
 (LGPL-3), SQLCipher (BSD-3-Clause), cryptography (Apache-2.0 or BSD),
 pyxform (BSD-2-Clause), openpyxl (MIT) and PDFium (BSD-3-Clause and
 Apache-2.0); their licence files are in its _internal folder, beside each
 component's metadata.
"""


def version() -> str:
    out = subprocess.run([str(APP / "testimonio"), "--version"], check=True,
                         capture_output=True, text=True).stdout
    return out.split()[-1]


def deb_arch() -> str:
    found = shutil.which("dpkg")
    if found:
        return subprocess.run([found, "--print-architecture"], check=True,
                              capture_output=True, text=True).stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def write_gzip(path: Path, text: str) -> None:
    """gzip -9n: no name or time stamp inside, as Debian asks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                               compresslevel=9, mtime=0) as out:
        out.write(text.encode())


def stage(ver: str, arch: str) -> int:
    """Lay out the package's files under STAGE; return the installed size in KiB."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    opt = STAGE / "opt" / "testimonio"
    shutil.copytree(APP, opt, symlinks=True)
    (opt / "testimonio.desktop").unlink(missing_ok=True)  # the menu's copy is below
    usr = STAGE / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "testimonio").symlink_to("/opt/testimonio/testimonio")
    apps = usr / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / "testimonio.desktop", apps / "testimonio.desktop")
    icons = usr / "share" / "icons" / "hicolor"
    (icons / "256x256" / "apps").mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "testimonio.png",
                 icons / "256x256" / "apps" / "testimonio.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "testimonio.svg",
                 icons / "scalable" / "apps" / "testimonio.svg")
    doc = usr / "share" / "doc" / "testimonio"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT)
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(source_date()))
    write_gzip(doc / "changelog.gz",
               f"testimonio ({ver}) unstable; urgency=medium\n\n"
               f"  * Release {ver}: see the project's history.\n\n"
               f" -- {MAINTAINER}  {stamp}\n")
    write_gzip(usr / "share" / "man" / "man1" / "testimonio.1.gz", MANPAGE.format(ver=ver))
    write_gzip(doc / "install.md.gz", (ROOT / "docs" / "install.md").read_text())
    overrides = usr / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "testimonio").write_text(LINTIAN_OVERRIDES)
    for path in STAGE.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if _is_program(path) else 0o644)
    installed_kib = (folder_size(STAGE) + 1023) // 1024
    control = STAGE / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: testimonio\n"
        f"Version: {ver}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        f"Section: utils\n"
        f"Priority: optional\n"
        f"Homepage: https://testimonio.example.org/\n"
        f"Description: offline, encrypted structured interviews for field research\n"
        f" Testimonio records structured interviews (XLSForm questionnaires) where\n"
        f" there is no network. Everything is kept in one encrypted vault\n"
        f" (SQLCipher) on the laptop; data leaves only as a pseudonymised bundle\n"
        f" encrypted to the team lead and signed by the researcher.\n"
    )
    return installed_kib


MANPAGE = r""".TH TESTIMONIO 1 "" "testimonio {ver}" "User Commands"
.SH NAME
testimonio \- offline, encrypted structured interviews for field research
.SH SYNOPSIS
.B testimonio
[\fB\-\-vault\fR \fIDIR\fR] [\fICOMMAND\fR ...]
.SH DESCRIPTION
Without a command, starts the desktop program on the vault in the user's data
folder (\fI~/.local/share/testimonio/vault\fR, or \fBTESTIMONIO_VAULT\fR).
The commands (init, passwd, selftest, forms, interviews, team, keys, export,
import, report, receipt, purge) do the same jobs from a terminal;
\fBtestimonio \-\-help\fR lists them.
.SH EXIT STATUS
0 done; 1 failed; 2 bad input; 3 refused for security.
.SH FILES
The vault and the settings live in the user's home folder; removing the
package leaves them.
.SH SEE ALSO
/usr/share/doc/testimonio/install.md.gz
"""

MAINTAINER = "Testimonio maintainers <maintainers@testimonio.example.org>"


def source_date() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                         capture_output=True, text=True)
    return int(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else 0


def _is_program(path: Path) -> bool:
    """Programs (ELF executables, scripts that were executable) are 0755; the rest 0644.

    Shared libraries are not run, so Debian wants them without the execute bit.
    """
    if not path.stat().st_mode & 0o111 or ".so" in path.name:
        return False
    with path.open("rb") as f:
        head = f.read(4)
    return head == b"\x7fELF" or head[:2] == b"#!"


def build() -> Path:
    if not (APP / "testimonio").exists():
        raise SystemExit("dist/testimonio/ is missing: run `make package` first.")
    ver, arch = version(), deb_arch()
    installed_kib = stage(ver, arch)
    out = DIST / f"testimonio_{ver}_{arch}.deb"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date()))
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build",
                    str(STAGE), str(out)], check=True, env=env, stdout=subprocess.DEVNULL)
    deb_mb = out.stat().st_size / 1e6
    inst_mb = installed_kib * 1024 / 1e6
    print(f"deb:                     {out.relative_to(ROOT)}")
    print(f"deb size:                {deb_mb:.1f} MB (target <= {DEB_TARGET_MB} MB)"
          f"{'' if deb_mb <= DEB_TARGET_MB else '  OVER TARGET'}")
    print(f"installed size:          {inst_mb:.1f} MB (target <= {INSTALLED_TARGET_MB} MB)"
          f"{'' if inst_mb <= INSTALLED_TARGET_MB else '  OVER TARGET'}")
    add_sums([out])
    return out


if __name__ == "__main__":
    build()

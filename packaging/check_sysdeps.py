"""Exit 0 when the shared libraries Qt loads (even offscreen) are present."""

import ctypes.util
import sys

NEEDED = ["EGL", "GL", "xkbcommon", "fontconfig", "dbus-1", "glib-2.0",
          # Qt's xcb platform plugin (a real X11 screen); the build bundles them.
          "xkbcommon-x11", "xcb-cursor", "xcb-icccm", "xcb-keysyms", "xcb-shape",
          "xcb-render-util", "xcb-image"]

missing = [name for name in NEEDED if ctypes.util.find_library(name) is None]
if missing:
    print("missing system libraries: " + ", ".join(missing))
sys.exit(1 if missing else 0)

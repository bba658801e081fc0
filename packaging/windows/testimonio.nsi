; Windows installer for Testimonio (NSIS 3, Unicode).
;
; Installs the PyInstaller folder for the current user only, without
; administrator rights, in %LOCALAPPDATA%\Programs\Testimonio, adds a
; Start-menu entry and an entry in "Apps & features", and uninstalls by
; removing exactly that folder, the entry and the registry key. The vault and
; the settings live in %APPDATA%\Testimonio, which neither the installer nor
; the uninstaller touches.
;
; The folder holds two program files (packaging/testimonio.spec):
; testimonio.exe, the windowed desktop program the Start menu and the finish
; page start (no console window behind it), and testimonio-cli.exe, the same
; program with a console, for the command line and scripts.
;
; Build: makensis -DPAYLOAD=<dist\testimonio> -DVERSION=<x.y.z> -DOUTFILE=<setup.exe> testimonio.nsi
; (packaging/windows/build_nsis.py passes these; on Linux CI it compiles the
; script against a stand-in payload to prove it builds.)

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef PAYLOAD
  !error "PAYLOAD (the folder dist\testimonio) must be given with -DPAYLOAD=..."
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "testimonio-${VERSION}-setup.exe"
!endif

; Both program files must be in the payload: a build without the console one
; would install a program that cannot be used from the command line.
!if ! /FileExists "${PAYLOAD}\testimonio.exe"
  !error "${PAYLOAD}\testimonio.exe is missing: run packaging/build.py first"
!endif
!if ! /FileExists "${PAYLOAD}\testimonio-cli.exe"
  !error "${PAYLOAD}\testimonio-cli.exe is missing: the spec builds it on Windows"
!endif

!define APPNAME "Testimonio"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Testimonio"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
; Fixed, per user: the uninstaller removes this whole folder, so it must be
; ours alone (no folder chooser that could point at a folder with other files).
InstallDir "$LOCALAPPDATA\Programs\Testimonio"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\testimonio.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Spanish"
!insertmacro MUI_LANGUAGE "English"

LangString UninstNote ${LANG_SPANISH} "Se desinstala el programa. La bóveda con las entrevistas (%APPDATA%\Testimonio) se queda en este ordenador."
LangString UninstNote ${LANG_ENGLISH} "The program is uninstalled. The vault with the interviews (%APPDATA%\Testimonio) stays on this computer."

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APPNAME} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "GPL-3.0-or-later"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Testimonio" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A new version replaces the old folder whole (no stale files left beside it).
  RMDir /r "$INSTDIR\_internal"
  ; testimonio.exe, testimonio-cli.exe and _internal.
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\Testimonio.lnk" "$INSTDIR\testimonio.exe" "" "$INSTDIR\testimonio.exe" 0
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Testimonio"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\testimonio.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  DetailPrint "$(UninstNote)"
  Delete "$SMPROGRAMS\Testimonio.lnk"
  ; Only the program's own folder (both program files, _internal, this
  ; uninstaller): never $APPDATA\Testimonio (vault, settings).
  Delete "$INSTDIR\testimonio.exe"
  Delete "$INSTDIR\testimonio-cli.exe"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

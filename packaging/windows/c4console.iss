; Inno Setup 6 script: installs the console for every user of a Windows workstation.
;
; What it packs: the PyInstaller one-folder bundle dist\c4console\ built from
; packaging\pyinstaller\c4console.spec (docs/windows.md, .github/workflows/windows.yml).
; Build, from the repository's top folder:
;
;   pyinstaller --noconfirm --distpath dist --workpath build packaging\pyinstaller\c4console.spec
;   iscc /DAppVersion=1.2.3 packaging\windows\c4console.iss
;
; Signed (docs/windows.md, "Signing"): define a sign tool named "signtool" first, e.g.
;   iscc /DAppVersion=1.2.3 /DSign "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f" packaging\windows\c4console.iss
; The installer is written to dist\installer\c4console-<version>-setup.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "c4console"
#define AppPublisher "C4"
#define AppExe "c4console.exe"
; Paths are relative to this script's folder (packaging\windows).
#define RepoRoot AddBackslash(SourcePath) + "..\.."
#define Bundle RepoRoot + "\dist\c4console"

[Setup]
; The AppId names this program to Windows' uninstall list across versions: never change it.
AppId={{6F1C2B9E-4D7A-4C35-9E0B-3A8D5C2F7E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Per machine: every operator account of the workstation gets it; installing needs an
; administrator (the C4's IT), running does not.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The bundle is 64-bit (PySide6 wheels are).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#RepoRoot}\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
; A running console holds its files: ask to close it (Restart Manager) before replacing them.
CloseApplications=yes
RestartApplications=no
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole one-folder bundle: the executable, Python, Qt and QtWebEngine (its
; QtWebEngineProcess.exe and resources), the data (catalogue, maps, tones, translations).
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Start-menu entries for all users, and the uninstaller beside the program.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Consola de despacho C4"
Name: "{autoprograms}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Only what the program folder may have gained at run time (Python caches). Each user's
; data folder, %LOCALAPPDATA%\c4console (local cache with personal data, settings, logs),
; is not removed by the uninstaller: see docs/windows.md, "Removing a workstation".
Type: filesandordirs; Name: "{app}\__pycache__"

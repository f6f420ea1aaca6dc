; Inno Setup 6 script: installs the one-folder build (dist\bodesk) on Windows.
;   python installer\build.py
;   iscc /DAppVersion=0.1.0 installer\bodesk.iss      -> dist\installer\bodesk-0.1.0-setup.exe
; The version defaults to the one below when /DAppVersion is not given; keep it equal to bodesk.__version__.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "bodesk"
#define AppExe "bodesk.exe"

[Setup]
AppId={{2DCBEA2C-CC6D-4D3A-B021-13BFC86D4A3E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=resources\icons\bodesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
brazilianportuguese.AppComment=Estoque, compras, vendas, entregas e finanças da distribuidora
english.AppComment=Stock, purchasing, sales, deliveries and finance of a small distributor

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder: no file of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\bodesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Compiled copies Python may leave beside the database migrations. The data (database, backups,
; settings) lives in the user's folders and is never removed by the uninstaller.
Type: filesandordirs; Name: "{app}\_internal"

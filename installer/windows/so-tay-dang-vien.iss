; Inno Setup 6 script for the Windows installer; built by installer/build-windows.ps1 (installer/README.md).
; Expects the PyInstaller bundle in build\pyinstaller\dist\so-tay-dang-vien and Vietnamese.isl beside
; this file (Inno Setup ships no Vietnamese; the build script fetches the unofficial translation).

#define AppName "Sổ tay đảng viên"
#define AppExe "so-tay-dang-vien.exe"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C1B5F0E-3D7A-4E52-9B8F-2A61C4D0E7B3}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\SoTayDangVien
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user by default (no administrator needed in a ward office); the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=so-tay-dang-vien-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\so-tay-dang-vien.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "vi"; MessagesFile: "Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.RemoveDataQuestion=Xóa luôn dữ liệu của chi bộ trên máy này (danh sách đảng viên, biên bản, văn bản, cài đặt, nhật ký)?%n%nChọn "Không" để giữ lại: cài lại chương trình sẽ dùng tiếp dữ liệu cũ. Thư mục dữ liệu bạn tự chọn ở nơi khác không bị xóa.
en.RemoveDataQuestion=Also delete the cell's data on this computer (member roster, minutes, documents, settings, logs)?%n%nChoose "No" to keep it: reinstalling the program uses it again. A data folder you chose elsewhere is never deleted.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\build\pyinstaller\dist\so-tay-dang-vien\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The user's data lives in the per-user folders of platformdirs (handbook_desktop/core/paths.py):
// %LOCALAPPDATA%\so-tay-dang-vien holds the data, settings, location.json and logs. The uninstaller
// keeps it unless the user answers Yes (a silent uninstall always keeps it).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\so-tay-dang-vien');
    if DirExists(DataDir) and not UninstallSilent() then
      if MsgBox(ExpandConstant('{cm:RemoveDataQuestion}'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;

// Icons: the desktop's icon theme where it has a fitting icon, else Lathe's own SVGs from
// resources/icons (compiled into the lathe_ui library through resources/lathe.qrc).
#pragma once

#include <QIcon>

namespace lathe {

enum class IconName {
    App,
    Inspector,
    OpenFile,
    OpenFolder,
    Compare,
    Error,
    Warning,
    Filter,
    Group,
    Tensor,
    Back,
    Cancel,
    Drop,
    Chat,
    Send,
    Stop,
    NewChat,
    Copy,
    Edit,
    Regenerate,
    Endpoint,
    Model,
};

QIcon icon(IconName name);

// Registers the resources of the static lathe_ui library; call once after QApplication.
void initUiResources();

}  // namespace lathe

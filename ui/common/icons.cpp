// Icons: theme names paired with our own fallbacks. Lathe-specific pictures (the app, the
// inspector, tensors, module groups) always come from our SVGs so they look the same everywhere.
#include "ui/common/icons.h"

#include <QString>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initLatheQrc()
{
    Q_INIT_RESOURCE(lathe);
}

namespace lathe {
namespace {

struct IconSource {
    const char* themeName;  // nullptr: always ours
    const char* resource;
};

IconSource sourceOf(IconName name)
{
    switch (name) {
    case IconName::App: return {nullptr, ":/icons/lathe.svg"};
    case IconName::Inspector: return {nullptr, ":/icons/inspector.svg"};
    case IconName::OpenFile: return {"document-open", ":/icons/open-file.svg"};
    case IconName::OpenFolder: return {"folder-open", ":/icons/open-folder.svg"};
    case IconName::Compare: return {nullptr, ":/icons/compare.svg"};
    case IconName::Error: return {"dialog-error", ":/icons/error.svg"};
    case IconName::Warning: return {"dialog-warning", ":/icons/warning.svg"};
    case IconName::Filter: return {nullptr, ":/icons/filter.svg"};
    case IconName::Group: return {nullptr, ":/icons/group.svg"};
    case IconName::Tensor: return {nullptr, ":/icons/tensor.svg"};
    case IconName::Back: return {"go-previous", ":/icons/back.svg"};
    case IconName::Cancel: return {"process-stop", ":/icons/cancel.svg"};
    case IconName::Drop: return {nullptr, ":/icons/drop.svg"};
    case IconName::Chat: return {nullptr, ":/icons/chat.svg"};
    case IconName::Send: return {nullptr, ":/icons/send.svg"};
    case IconName::Stop: return {nullptr, ":/icons/stop.svg"};
    case IconName::NewChat: return {nullptr, ":/icons/new-chat.svg"};
    case IconName::Copy: return {"edit-copy", ":/icons/copy.svg"};
    case IconName::Edit: return {nullptr, ":/icons/edit.svg"};
    case IconName::Regenerate: return {nullptr, ":/icons/regenerate.svg"};
    case IconName::Endpoint: return {nullptr, ":/icons/endpoint.svg"};
    case IconName::Model: return {nullptr, ":/icons/model.svg"};
    }
    return {nullptr, ":/icons/lathe.svg"};
}

}  // namespace

QIcon icon(IconName name)
{
    const IconSource source = sourceOf(name);
    const QIcon fallback(QString::fromLatin1(source.resource));
    if (source.themeName == nullptr) {
        return fallback;
    }
    return QIcon::fromTheme(QString::fromLatin1(source.themeName), fallback);
}

void initUiResources()
{
    initLatheQrc();
}

}  // namespace lathe

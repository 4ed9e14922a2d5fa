// The page list: Inspector and Chat today; Hub, Planner, Adapters and Training join as they land.
#include "app/page_registry.h"

#include "ui/chat/chat_page.h"
#include "ui/inspector/inspector_page.h"

namespace lathe {

std::vector<Page*> createPages(const PageServices& services)
{
    return {new InspectorPage(services.engine),
            new ChatPage(services.chat, services.conversationsFolder, services.configFolder)};
}

QString defaultPageId()
{
    return QStringLiteral("chat");
}

}  // namespace lathe

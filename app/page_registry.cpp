// The page list: Inspector today; Hub, Planner, Chat, Adapters and Training join as they land.
#include "app/page_registry.h"

#include "ui/inspector/inspector_page.h"

namespace lathe {

std::vector<Page*> createPages(EngineHost& engine)
{
    return {new InspectorPage(engine)};
}

}  // namespace lathe

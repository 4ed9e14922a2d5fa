// The pages this build has, in sidebar order. A page is listed here once it works; the main
// window and --screenshot offer exactly these.
#pragma once

#include <vector>

namespace lathe {

class EngineHost;
class Page;

// The caller owns the pages (MainWindow takes them over as their parent).
std::vector<Page*> createPages(EngineHost& engine);

}  // namespace lathe

// The pages this build has, in sidebar order. A page is listed here once it works; the main
// window and --screenshot offer exactly these.
#pragma once

#include <QString>

#include <vector>

namespace lathe {

class ChatService;
class EngineHost;
class Page;

// What the pages are built over: the engine boundaries and the folders they keep files in
// (a throwaway folder for --screenshot, so a screenshot neither shows nor changes the user's).
struct PageServices {
    EngineHost& engine;
    ChatService& chat;
    QString conversationsFolder;
    QString configFolder;
};

// The caller owns the pages (MainWindow takes them over as their parent).
std::vector<Page*> createPages(const PageServices& services);

// The page Lathe opens on when no page was remembered.
QString defaultPageId();

}  // namespace lathe

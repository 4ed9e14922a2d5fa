// Names of the chat finish reasons, as the CLI and saved conversations spell them.
#include "chat/chat_backend.h"

namespace lathe::chat {

std::string_view finishName(Finish finish)
{
    switch (finish) {
    case Finish::Eos:
        return "eos";
    case Finish::Stop:
        return "stop";
    case Finish::Length:
        return "length";
    case Finish::Cancelled:
        return "cancelled";
    case Finish::Error:
        return "error";
    }
    return "error";
}

}  // namespace lathe::chat

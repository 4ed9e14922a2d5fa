// Where Lathe keeps its own files: the data folder (conversations, the demo model) and the
// config folder (settings, endpoints), chosen from the environment as the XDG Base Directory
// spec says, with LATHE_DATA_DIR / LATHE_CONFIG_DIR overriding both (tests, portable setups).
// packaging/fetch-demo-model.sh resolves the data folder by the same rules.
// Pure functions of the environment: nothing is created here. Safe from any thread as long as
// nobody changes the environment meanwhile.
#pragma once

#include <filesystem>

namespace lathe {

// $LATHE_DATA_DIR, else $XDG_DATA_HOME/lathe, else $HOME/.local/share/lathe. A relative or
// empty value is ignored, as the XDG spec asks for its variables.
std::filesystem::path dataFolder();

// $LATHE_CONFIG_DIR, else $XDG_CONFIG_HOME/lathe, else $HOME/.config/lathe (same rules).
std::filesystem::path configFolder();

// dataFolder()/conversations: one <id>.json per conversation (ConversationStore).
std::filesystem::path conversationsFolder();

// The demo model as packaging/fetch-demo-model.sh leaves it: the GGUF it extracts
// (dataFolder()/models/SmolLM2-135M-Instruct.Q4_1.gguf) and the Hugging Face folder it converts
// that into (dataFolder()/models/SmolLM2-135M-Instruct). Either may not exist.
std::filesystem::path demoModelGguf();
std::filesystem::path demoModelFolder();

}  // namespace lathe

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <source>%1
Choose a model of a supported family, or convert it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
The checkpoint is incomplete or does not match its config.json: download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Chat needs an instruction-tuned model that ships its tokenizer and chat template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1B params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1M params</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::AboutDialog</name>
    <message>
        <source>About Lathe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Lathe %1&lt;/h2&gt;&lt;p&gt;A desktop workbench for Hugging Face models.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not built with CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no driver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ChatComposer</name>
    <message>
        <source>Write a message… (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer (Esc); the text so far is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ChatPage</name>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the conversation to a second model or server and read both answers side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server counts the prompt&apos;s tokens; it holds %L1 tokens in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved endpoints unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open GGUF Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) left out</source>
        <translation>
            <numerusform>%n oldest message left out</numerusform>
            <numerusform>%n oldest messages left out</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask %1 anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model above: the demo model, one from the Hugging Face cache, a folder, a GGUF file or a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model above to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown argument &quot;%1&quot; for the chat page (it takes --model PATH, --endpoint URL [--api-key-env VAR], --compare-model PATH, --system TEXT, --prompt TEXT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --model or --endpoint, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--api-key-env: the environment variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end of answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ChatService</name>
    <message>
        <source>Out of memory. Close other models or programs, choose a smaller model or a quantized GGUF, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the GGUF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generation_config.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded. Choose one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server applies its own chat template; its prompt is not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message to see the prompt the chat template makes of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::CheckpointHeader</name>
    <message>
        <source>Compare with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare this checkpoint with another one, e.g. a base model with its fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file or index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; tensor(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; tensor</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; tensors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; file(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; file</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; warning(s)&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; warning&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; warnings&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lathe::CheckpointSummaryPanel</name>
    <message>
        <source>a single .safetensors file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a sharded checkpoint, through its index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By dtype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DType</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata (__metadata__)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no __metadata__ entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;Opened&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Path&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensors&lt;/td&gt;&lt;td&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%4&lt;/b&gt; (%5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensor bytes&lt;/td&gt;&lt;td&gt;&lt;b&gt;%6&lt;/b&gt; (%7)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Files&lt;/td&gt;&lt;td&gt;&lt;b&gt;%8&lt;/b&gt;, %9 on disk&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON header of %1 (plus the 8-byte length)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::CodeBlockView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::CompareView</name>
    <message>
        <source>Back to tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide tensors that are identical in both checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp;⇄&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: %1
B: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing every tensor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ContextBar</name>
    <message>
        <source>%1 + %2 of %3 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt: %1 tokens
Kept for the answer: %2
Free: %3
Context: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) will be cut</source>
        <translation>
            <numerusform>%n oldest message will be cut</numerusform>
            <numerusform>%n oldest messages will be cut</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 tokens over)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation (%1 tokens) and the room for the answer no longer fit the model&apos;s context of %2 tokens. The oldest turns are left out of what the model sees; the system prompt and the last message are always kept. Nothing is deleted from the conversation.
Lower Max new tokens or start a new chat to keep more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut: %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context size unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ConversationList</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s), last changed %2</source>
        <translation>
            <numerusform>%1
%n message, last changed %2</numerusform>
            <numerusform>%1
%n messages, last changed %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finds conversations whose title or messages contain the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations yet.
Start one with New chat (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation contains “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Its %n message(s) will be removed from disk. This cannot be undone.</source>
        <translation>
            <numerusform>Its %n message will be removed from disk. This cannot be undone.</numerusform>
            <numerusform>Its %n messages will be removed from disk. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::DiffTableModel</name>
    <message>
        <source>identical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shape changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value is NaN on one side, so the difference is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest absolute difference of any element: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖B − A‖ / ‖A‖ (Frobenius norms): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DType A → B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape A → B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max |Δ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rel. Frobenius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest absolute difference of any element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖B − A‖ / ‖A‖: how much of the tensor changed, relative to its size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::EmptyStatePanel</name>
    <message>
        <source>Open file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::EndpointDialog</name>
    <message>
        <source>Connect to endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s address, such as http://localhost:8080 for a local Text Generation Inference server or https://api.example.com/v1 for an OpenAI-compatible API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (by URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible chat (/v1/chat/completions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text Generation Inference text (/generate_stream)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to talk to the server. Automatic: a URL ending in /generate_stream uses TGI&apos;s text route, any other the OpenAI-compatible chat API, which TGI, vLLM, llama.cpp&apos;s server and Ollama all offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the key as you type it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove saved key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the endpoint appears in the model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server what it is, with these settings, without saving them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep saved key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the saved key will be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>•••• key saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>•••• key saved (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is saved for this endpoint and stays unless you type a new one or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as &quot;Authorization: Bearer …&quot;. Leave empty when the server needs none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the address with http:// or https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address needs a host, as in http://localhost:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s host name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::EngineWorker</name>
    <message>
        <source>not enough memory for this request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ErrorPanel</name>
    <message>
        <source>Open another…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::FilterBar</name>
    <message>
        <source>Filter by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match names with a regular expression instead of plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::HistogramPlot</name>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No finite values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::InspectorPage</name>
    <message>
        <source>Open a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See every tensor of a .safetensors file, a sharded model (model.safetensors.index.json) or a model folder: names, dtypes, shapes and sizes, and statistics and a histogram of any tensor. Nothing is loaded into memory; the files are mapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or drop a file or folder anywhere in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter tensors, e.g. layers.0. or q_proj</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safetensors checkpoints (*.safetensors *.safetensors.index.json);;JSON index files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; for the inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the inspector takes one path, got &quot;%1&quot; and &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n tensor(s), %2 parameters, %3</source>
        <translation>
            <numerusform>Opened %1: %n tensor, %2 parameters, %3</numerusform>
            <numerusform>Opened %1: %n tensors, %2 parameters, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not compare the checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a checkpoint first, then compare it with another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tab: &quot;%1&quot; is not tensor or checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare and --select need a checkpoint: give PATH first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::LaunchOptions</name>
    <message>
        <source>--screenshot needs PAGE and FILE.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot: &quot;%1&quot; must end in .png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--theme: &quot;%1&quot; is not light or dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size: &quot;%1&quot; is not WIDTHxHEIGHT between 320x240 and 8192x8192</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage:
  lathe [PATH] [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]
  lathe (--model PATH | --endpoint URL [--api-key-env VAR]) [--compare-model PATH]
        [--system TEXT] [--prompt TEXT]...
  lathe --screenshot PAGE FILE.png [--theme light|dark] [--size WxH] [ARGS]

PATH is a .safetensors file, a model.safetensors.index.json or a model folder: it
opens in the inspector. --model (a model folder, a .gguf file or a Hub repo id in
the cache) or --endpoint (a TGI or OpenAI-compatible server) opens the chat page
with that model; --prompt sends a message once it is ready.
--screenshot renders PAGE (inspector, chat) offscreen into FILE.png and exits;
ARGS are what the page takes on the command line.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::MainWindow</name>
    <message>
        <source>Lathe</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Engine: %n thread(s)</source>
        <translation>
            <numerusform>Engine: %n thread</numerusform>
            <numerusform>Engine: %n threads</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics and comparisons run on a pool of this many threads (LATHE_THREADS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect when Lathe restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Lathe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No page here opens files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when Lathe restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened the first of %n dropped item(s).</source>
        <translation>
            <numerusform>Opened the first of %n dropped item.</numerusform>
            <numerusform>Opened the first of %n dropped items.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Lathe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::MessageView</name>
    <message>
        <source>The answer is still being written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside the context: not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter to send · Esc to cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::ModelPicker</name>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, not usable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the model to chat with (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loading this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again for models in the Hugging Face cache and for endpoints (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder with config.json, the weights and the tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A single .gguf file, as llama.cpp uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Text Generation Inference server or any OpenAI-compatible chat API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models found. Open a model folder or a GGUF file, or connect to an endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::NumberFormat</name>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::Page</name>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page &quot;%1&quot; takes no arguments, got &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::SamplingPanel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model ended its answer with its end-of-turn token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer reached one of the stop strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer reached Max new tokens or the end of the context; it may stop mid-sentence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stopped the answer; the text so far was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken off by an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream broke after text arrived; the text so far was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helpful assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are a helpful, honest assistant. Answer clearly and accurately, and say so when you are not sure instead of guessing. When a request is ambiguous, ask one short clarifying question. Use Markdown for lists, tables and code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer as briefly as you can while staying correct and complete. Lead with the answer itself; no introductions, no restating the question, no closing remarks. Prefer short sentences and lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are an experienced code reviewer. For the code you are given, list bugs first, then risky or unclear parts, then style. Quote the lines you mean, explain why each point matters and suggest a concrete fix. If the code looks correct, say so plainly instead of inventing problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the system prompt with a saved one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this system prompt as a preset under a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected preset (built-in presets stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system prompt. Write one, or pick a preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent first in every request of this conversation, before the messages. Some chat templates do not accept a system prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear every field, so the model&apos;s defaults apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divides the logits before sampling. Lower is more focused, higher more varied; 0 always picks the most likely token (greedy).
Valid: 0 or more. 0.6 to 0.8 suits chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples only from the k most likely tokens.
Valid: a whole number, 0 or more; 0 turns it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples from the smallest set of likely tokens whose probabilities add up to p (nucleus sampling).
Valid: above 0, at most 1; 1 turns it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaves out tokens less likely than min-p times the probability of the most likely token.
Valid: 0 to 1; 0 turns it off, 0.05 to 0.1 is typical.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes tokens that already appear in the conversation less likely. 1 is no penalty, 1.1 is mild; below 1 favours repeats.
Valid: above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest answer, in tokens. The answer can end sooner at the model&apos;s end-of-turn token or a stop string, and never runs past the context.
Valid: a whole number, 1 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts the random choices at this number, so the same prompt and settings give the same answer again. Empty: the default shown in grey, where “random” is a new seed for every answer.
Valid: a whole number from 0 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer ends when the model writes one of these texts. Write \n for a line break and \t for a tab; double-click or press F2 to edit one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a stop string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected stop string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the model&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From sending the request to the first text of the answer: reading the prompt, plus the network for a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second after the first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What produced the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty fields use the backend&apos;s defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty fields use the defaults from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer also ends at the model&apos;s end-of-turn token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When empty: %1, and the model&apos;s end-of-turn token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a built-in preset. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the preset “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a number, 0 or more (0 is greedy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a whole number, 0 or more (0 turns it off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a number above 0 and at most 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a number from 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a number above 0 (1 is no penalty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a whole number, 1 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a whole number from 0 to 9223372036854775807.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::TemplateView</name>
    <message>
        <source>&amp;Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt as the chat template wrote it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To&amp;kens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt as the model reads it, one chip per token; hover a chip for its id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;whitespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show spaces as ·, tabs as → and line breaks as ↵</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompt yet. Send a message, or load a model to see what its template makes of this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id %1 · &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>special token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::TensorDetailPanel</name>
    <message>
        <source>Select a tensor to see its details and statistics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the full tensor name to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DType</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data offsets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Std</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NaN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+Inf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−Inf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the statistics of this tensor again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show bar heights on a logarithmic axis, so rare values stay visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes %1 – %2 of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Module with %n tensor(s)</source>
        <translation>
            <numerusform>Module with %n tensor</numerusform>
            <numerusform>Module with %n tensors</numerusform>
        </translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finite of %2 elements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::TensorTreeModel</name>
    <message>
        <source>mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n tensor</numerusform>
            <numerusform>%n tensors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n tensor(s)</source>
        <translation>
            <numerusform>%1
%n tensor</numerusform>
            <numerusform>%1
%n tensors</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 parameters (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tensors of this group are spread over several files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data_offsets [%1, %2] of the data buffer
bytes %3 – %4 of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DType</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file that holds the tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data_offsets as written in the header: begin – end in the file&apos;s data buffer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::TextFilter</name>
    <message>
        <source>Invalid regular expression: %1 (at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lathe::TranscriptView</name>
    <message>
        <source>↓  Jump to latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to latest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scroll to the latest message and follow the answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>%1
Choose a model of a supported family, or convert it.</source>
        <translation>%1
请选择受支持系列的模型，或先将其转换。</translation>
    </message>
    <message>
        <source>%1
The checkpoint is incomplete or does not match its config.json: download it again.</source>
        <translation>%1
检查点不完整或与其 config.json 不匹配：请重新下载。</translation>
    </message>
    <message>
        <source>%1
Chat needs an instruction-tuned model that ships its tokenizer and chat template.</source>
        <translation>%1
聊天需要附带分词器和聊天模板的指令微调模型。</translation>
    </message>
    <message>
        <source>%L1B params</source>
        <translation>%L1B 参数</translation>
    </message>
    <message>
        <source>%L1M params</source>
        <translation>%L1M 参数</translation>
    </message>
</context>
<context>
    <name>lathe::AboutDialog</name>
    <message>
        <source>About Lathe</source>
        <translation>关于 Lathe</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Lathe %1&lt;/h2&gt;&lt;p&gt;A desktop workbench for Hugging Face models.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Lathe %1&lt;/h2&gt;&lt;p&gt;面向 Hugging Face 模型的桌面工作台。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（构建于 %2）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>asking the engine…</source>
        <translation>正在查询引擎…</translation>
    </message>
    <message>
        <source>CUDA runtime</source>
        <translation>CUDA 运行时</translation>
    </message>
    <message>
        <source>CUDA driver</source>
        <translation>CUDA 驱动</translation>
    </message>
    <message>
        <source>Engine threads</source>
        <translation>引擎线程数</translation>
    </message>
    <message>
        <source>not built with CUDA</source>
        <translation>未启用 CUDA 构建</translation>
    </message>
    <message>
        <source>no driver</source>
        <translation>无驱动</translation>
    </message>
</context>
<context>
    <name>lathe::ChatComposer</name>
    <message>
        <source>Write a message… (Enter to send, Shift+Enter for a new line)</source>
        <translation>输入消息…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>Stop the answer (Esc); the text so far is kept</source>
        <translation>停止回答（Esc）；已生成的文本会保留</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
</context>
<context>
    <name>lathe::ChatPage</name>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Send the conversation to a second model or server and read both answers side by side</source>
        <translation>将对话发送给第二个模型或服务器，并排查看两个回答</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>已复制到剪贴板</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1 is ready</source>
        <translation>%1 已就绪</translation>
    </message>
    <message>
        <source>The server counts the prompt&apos;s tokens; it holds %L1 tokens in all.</source>
        <translation>提示词的 token 数由服务器计算；其上下文总共可容纳 %L1 个 token。</translation>
    </message>
    <message>
        <source>Could not list models: %1</source>
        <translation>无法列出模型：%1</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>Saved endpoints unreadable: %1</source>
        <translation>无法读取已保存的端点：%1</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <source>Open GGUF Model</source>
        <translation>打开 GGUF 模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Endpoint not saved</source>
        <translation>端点未保存</translation>
    </message>
    <message>
        <source>Could not save the conversation: %1</source>
        <translation>无法保存对话：%1</translation>
    </message>
    <message>
        <source>Load a model first</source>
        <translation>请先加载模型</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation>首个 token 耗时 %1 s</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个 token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) left out</source>
        <translation>
            <numerusform>省略了最早的 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Ask %1 anything</source>
        <translation>向 %1 提出任何问题</translation>
    </message>
    <message>
        <source>Choose a model above: the demo model, one from the Hugging Face cache, a folder, a GGUF file or a server.</source>
        <translation>请在上方选择模型：演示模型、Hugging Face 缓存中的模型、文件夹、GGUF 文件或服务器。</translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Choose a model above to start</source>
        <translation>请先在上方选择模型</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Cannot open the conversation</source>
        <translation>无法打开对话</translation>
    </message>
    <message>
        <source>Cannot rename the conversation</source>
        <translation>无法重命名对话</translation>
    </message>
    <message>
        <source>Cannot delete the conversation</source>
        <translation>无法删除对话</translation>
    </message>
    <message>
        <source>Cannot export the conversation</source>
        <translation>无法导出对话</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>导出为 Markdown</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>导出为 JSON</translation>
    </message>
    <message>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>unknown argument &quot;%1&quot; for the chat page (it takes --model PATH, --endpoint URL [--api-key-env VAR], --compare-model PATH, --system TEXT, --prompt TEXT)</source>
        <translation>聊天页面不支持参数“%1”（可用参数：--model PATH、--endpoint URL [--api-key-env VAR]、--compare-model PATH、--system TEXT、--prompt TEXT）</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <source>give --model or --endpoint, not both</source>
        <translation>--model 和 --endpoint 只能给出其中一个</translation>
    </message>
    <message>
        <source>--api-key-env: the environment variable %1 is not set</source>
        <translation>--api-key-env：环境变量 %1 未设置</translation>
    </message>
    <message>
        <source>end of answer</source>
        <translation>回答结束</translation>
    </message>
    <message>
        <source>stop string</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <source>length limit</source>
        <translation>长度上限</translation>
    </message>
</context>
<context>
    <name>lathe::ChatService</name>
    <message>
        <source>Out of memory. Close other models or programs, choose a smaller model or a quantized GGUF, and try again.</source>
        <translation>内存不足。请关闭其他模型或程序，选择更小的模型或量化的 GGUF，然后重试。</translation>
    </message>
    <message>
        <source>the GGUF file</source>
        <translation>GGUF 文件</translation>
    </message>
    <message>
        <source>generation_config.json</source>
        <translation>generation_config.json</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>No model is loaded. Choose one above.</source>
        <translation>尚未加载模型。请在上方选择一个。</translation>
    </message>
    <message>
        <source>The server applies its own chat template; its prompt is not shown here.</source>
        <translation>服务器使用自己的聊天模板；其提示词不在此显示。</translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Type a message to see the prompt the chat template makes of it.</source>
        <translation>输入消息即可查看聊天模板据此生成的提示词。</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>已连接：%1</translation>
    </message>
</context>
<context>
    <name>lathe::CheckpointHeader</name>
    <message>
        <source>Compare with…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>Compare this checkpoint with another one, e.g. a base model with its fine-tune</source>
        <translation>将此检查点与另一个检查点比较，例如基础模型与其微调版本</translation>
    </message>
    <message>
        <source>A file or index…</source>
        <translation>文件或索引…</translation>
    </message>
    <message>
        <source>A folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 参数</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; tensor(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; 个张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; file(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; warning(s)&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; 条警告&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lathe::CheckpointSummaryPanel</name>
    <message>
        <source>a single .safetensors file</source>
        <translation>单个 .safetensors 文件</translation>
    </message>
    <message>
        <source>a sharded checkpoint, through its index</source>
        <translation>分片检查点（通过索引文件）</translation>
    </message>
    <message>
        <source>a model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>By dtype</source>
        <translation>按数据类型</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Metadata (__metadata__)</source>
        <translation>元数据（__metadata__）</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>The file has no __metadata__ entry.</source>
        <translation>该文件没有 __metadata__ 条目。</translation>
    </message>
    <message>
        <source>Index metadata</source>
        <translation>索引元数据</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;Opened&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Path&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensors&lt;/td&gt;&lt;td&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%4&lt;/b&gt; (%5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensor bytes&lt;/td&gt;&lt;td&gt;&lt;b&gt;%6&lt;/b&gt; (%7)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Files&lt;/td&gt;&lt;td&gt;&lt;b&gt;%8&lt;/b&gt;, %9 on disk&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;已打开&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;路径&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;张量&lt;/td&gt;&lt;td&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;参数量&lt;/td&gt;&lt;td&gt;&lt;b&gt;%4&lt;/b&gt;（%5）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;张量字节&lt;/td&gt;&lt;td&gt;&lt;b&gt;%6&lt;/b&gt;（%7）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;文件&lt;/td&gt;&lt;td&gt;&lt;b&gt;%8&lt;/b&gt;，磁盘占用 %9&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>JSON header of %1 (plus the 8-byte length)</source>
        <translation>JSON 头部 %1（另加 8 字节长度）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>lathe::CodeBlockView</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation>复制这段代码</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
</context>
<context>
    <name>lathe::CompareView</name>
    <message>
        <source>Back to tensors</source>
        <translation>返回张量</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation>重新比较</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>按名称筛选张量</translation>
    </message>
    <message>
        <source>Changed only</source>
        <translation>仅显示变化</translation>
    </message>
    <message>
        <source>Hide tensors that are identical in both checkpoints</source>
        <translation>隐藏两个检查点中完全相同的张量</translation>
    </message>
    <message>
        <source>Choose another…</source>
        <translation>选择其他…</translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp;⇄&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp;⇄&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>A: %1
B: %2</source>
        <translation>A：%1
B：%2</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Comparing every tensor…</source>
        <translation>正在比较所有张量…</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>比较已取消。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2</translation>
    </message>
</context>
<context>
    <name>lathe::ContextBar</name>
    <message>
        <source>%1 + %2 of %3 tokens</source>
        <translation>%1 + %2 / %3 个 token</translation>
    </message>
    <message>
        <source>Prompt: %1 tokens
Kept for the answer: %2
Free: %3
Context: %4</source>
        <translation>提示词：%1 个 token
为回答预留：%2
空闲：%3
上下文：%4</translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) will be cut</source>
        <translation>
            <numerusform>将截去最早的 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 tokens over)</source>
        <translation>%1（超出 %2 个 token）</translation>
    </message>
    <message>
        <source>The conversation (%1 tokens) and the room for the answer no longer fit the model&apos;s context of %2 tokens. The oldest turns are left out of what the model sees; the system prompt and the last message are always kept. Nothing is deleted from the conversation.
Lower Max new tokens or start a new chat to keep more.</source>
        <translation>对话（%1 个 token）加上为回答预留的空间已超出模型 %2 个 token 的上下文。模型将看不到最早的几轮对话；系统提示词和最后一条消息始终保留。对话中的内容不会被删除。
降低“最大新 token 数”或开始新对话，即可保留更多内容。</translation>
    </message>
    <message>
        <source>Cut: %1 tokens</source>
        <translation>截去：%1 个 token</translation>
    </message>
    <message>
        <source>Context use</source>
        <translation>上下文占用</translation>
    </message>
    <message>
        <source>Context size unknown</source>
        <translation>上下文大小未知</translation>
    </message>
</context>
<context>
    <name>lathe::ConversationList</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>更早</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s), last changed %2</source>
        <translation>
            <numerusform>%1
%n 条消息，最后修改于 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1，%2，%3</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>暂无消息</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Start a new conversation (%1)</source>
        <translation>开始新对话（%1）</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Finds conversations whose title or messages contain the text</source>
        <translation>查找标题或消息中包含该文本的对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <source>Just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>No conversations yet.
Start one with New chat (%1).</source>
        <translation>还没有对话。
点击“新对话”（%1）开始。</translation>
    </message>
    <message>
        <source>No conversation contains “%1”.</source>
        <translation>没有包含“%1”的对话。</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>删除“%1”？</translation>
    </message>
    <message numerus="yes">
        <source>Its %n message(s) will be removed from disk. This cannot be undone.</source>
        <translation>
            <numerusform>其中的 %n 条消息将从磁盘中删除。此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>lathe::DiffTableModel</name>
    <message>
        <source>identical</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已变化</translation>
    </message>
    <message>
        <source>shape changed</source>
        <translation>形状已变</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>A value is NaN on one side, so the difference is unknown</source>
        <translation>一侧存在 NaN 值，差异未知</translation>
    </message>
    <message>
        <source>Largest absolute difference of any element: %1</source>
        <translation>元素的最大绝对差：%1</translation>
    </message>
    <message>
        <source>‖B − A‖ / ‖A‖ (Frobenius norms): %1</source>
        <translation>‖B − A‖ / ‖A‖（Frobenius 范数）：%1</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>DType A → B</source>
        <translation>数据类型 A → B</translation>
    </message>
    <message>
        <source>Shape A → B</source>
        <translation>形状 A → B</translation>
    </message>
    <message>
        <source>Max |Δ|</source>
        <translation>最大 |Δ|</translation>
    </message>
    <message>
        <source>Rel. Frobenius</source>
        <translation>相对 Frobenius</translation>
    </message>
    <message>
        <source>The largest absolute difference of any element</source>
        <translation>所有元素中的最大绝对差</translation>
    </message>
    <message>
        <source>‖B − A‖ / ‖A‖: how much of the tensor changed, relative to its size</source>
        <translation>‖B − A‖ / ‖A‖：张量相对其大小的变化程度</translation>
    </message>
</context>
<context>
    <name>lathe::EmptyStatePanel</name>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
</context>
<context>
    <name>lathe::EndpointDialog</name>
    <message>
        <source>Connect to endpoint</source>
        <translation>连接到端点</translation>
    </message>
    <message>
        <source>The server&apos;s address, such as http://localhost:8080 for a local Text Generation Inference server or https://api.example.com/v1 for an OpenAI-compatible API</source>
        <translation>服务器地址，例如本地 Text Generation Inference 服务器的 http://localhost:8080，或 OpenAI 兼容 API 的 https://api.example.com/v1</translation>
    </message>
    <message>
        <source>Automatic (by URL)</source>
        <translation>自动（根据 URL）</translation>
    </message>
    <message>
        <source>OpenAI-compatible chat (/v1/chat/completions)</source>
        <translation>OpenAI 兼容的聊天接口（/v1/chat/completions）</translation>
    </message>
    <message>
        <source>Text Generation Inference text (/generate_stream)</source>
        <translation>Text Generation Inference 文本接口（/generate_stream）</translation>
    </message>
    <message>
        <source>How to talk to the server. Automatic: a URL ending in /generate_stream uses TGI&apos;s text route, any other the OpenAI-compatible chat API, which TGI, vLLM, llama.cpp&apos;s server and Ollama all offer.</source>
        <translation>与服务器通信的方式。自动：以 /generate_stream 结尾的 URL 使用 TGI 的文本接口，其他 URL 使用 OpenAI 兼容的聊天 API（TGI、vLLM、llama.cpp 的服务器和 Ollama 均提供）。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the key as you type it</source>
        <translation>输入时显示密钥</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Remove saved key</source>
        <translation>移除已保存的密钥</translation>
    </message>
    <message>
        <source>How the endpoint appears in the model list</source>
        <translation>端点在模型列表中显示的名称</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Ask the server what it is, with these settings, without saving them</source>
        <translation>用这些设置询问服务器的信息，但不保存设置</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;API:</source>
        <translation>API(&amp;A)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Keep saved key</source>
        <translation>保留已保存的密钥</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>None: the saved key will be removed</source>
        <translation>无：已保存的密钥将被移除</translation>
    </message>
    <message>
        <source>•••• key saved</source>
        <translation>•••• 已保存密钥</translation>
    </message>
    <message>
        <source>•••• key saved (%1)</source>
        <translation>•••• 已保存密钥（%1）</translation>
    </message>
    <message>
        <source>A key is saved for this endpoint and stays unless you type a new one or remove it.</source>
        <translation>此端点已保存密钥；除非输入新密钥或将其移除，否则会一直保留。</translation>
    </message>
    <message>
        <source>Sent as &quot;Authorization: Bearer …&quot;. Leave empty when the server needs none.</source>
        <translation>以“Authorization: Bearer …”发送。服务器不需要时请留空。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>Not a valid address: %1</source>
        <translation>地址无效：%1</translation>
    </message>
    <message>
        <source>Start the address with http:// or https://</source>
        <translation>地址须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <source>The address needs a host, as in http://localhost:8080</source>
        <translation>地址需要包含主机，例如 http://localhost:8080</translation>
    </message>
    <message>
        <source>The server&apos;s host name</source>
        <translation>服务器的主机名</translation>
    </message>
</context>
<context>
    <name>lathe::EngineWorker</name>
    <message>
        <source>not enough memory for this request</source>
        <translation>内存不足，无法完成此请求</translation>
    </message>
</context>
<context>
    <name>lathe::ErrorPanel</name>
    <message>
        <source>Open another…</source>
        <translation>打开其他文件…</translation>
    </message>
</context>
<context>
    <name>lathe::FilterBar</name>
    <message>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>Match names with a regular expression instead of plain text</source>
        <translation>使用正则表达式而非纯文本匹配名称</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
</context>
<context>
    <name>lathe::HistogramPlot</name>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>No histogram</source>
        <translation>无直方图</translation>
    </message>
    <message>
        <source>No finite values</source>
        <translation>没有有限值</translation>
    </message>
</context>
<context>
    <name>lathe::InspectorPage</name>
    <message>
        <source>Open a checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>See every tensor of a .safetensors file, a sharded model (model.safetensors.index.json) or a model folder: names, dtypes, shapes and sizes, and statistics and a histogram of any tensor. Nothing is loaded into memory; the files are mapped.</source>
        <translation>查看 .safetensors 文件、分片模型（model.safetensors.index.json）或模型文件夹中的每个张量：名称、数据类型、形状和大小，以及任一张量的统计信息和直方图。文件通过内存映射读取，不会整体载入内存。</translation>
    </message>
    <message>
        <source>or drop a file or folder anywhere in this window</source>
        <translation>或将文件或文件夹拖放到此窗口中的任意位置</translation>
    </message>
    <message>
        <source>Filter tensors, e.g. layers.0. or q_proj</source>
        <translation>筛选张量，例如 layers.0. 或 q_proj</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Safetensors checkpoints (*.safetensors *.safetensors.index.json);;JSON index files (*.json);;All files (*)</source>
        <translation>Safetensors 检查点 (*.safetensors *.safetensors.index.json);;JSON 索引文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; for the inspector</source>
        <translation>检查器不支持选项“%1”</translation>
    </message>
    <message>
        <source>the inspector takes one path, got &quot;%1&quot; and &quot;%2&quot;</source>
        <translation>检查器只接受一个路径，却收到了“%1”和“%2”</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n tensor(s), %2 parameters, %3</source>
        <translation>
            <numerusform>已打开 %1：%n 个张量，%2 参数，%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Could not compare the checkpoints</source>
        <translation>无法比较这两个检查点</translation>
    </message>
    <message>
        <source>Compare with folder</source>
        <translation>与文件夹比较</translation>
    </message>
    <message>
        <source>Compare with checkpoint</source>
        <translation>与检查点比较</translation>
    </message>
    <message>
        <source>Open a checkpoint first, then compare it with another.</source>
        <translation>请先打开一个检查点，再与另一个进行比较。</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <source>--tab: &quot;%1&quot; is not tensor or checkpoint</source>
        <translation>--tab：“%1”既不是 tensor 也不是 checkpoint</translation>
    </message>
    <message>
        <source>--compare and --select need a checkpoint: give PATH first</source>
        <translation>--compare 和 --select 需要一个检查点：请先给出 PATH</translation>
    </message>
</context>
<context>
    <name>lathe::LaunchOptions</name>
    <message>
        <source>--screenshot needs PAGE and FILE.png</source>
        <translation>--screenshot 需要 PAGE 和 FILE.png</translation>
    </message>
    <message>
        <source>--screenshot: &quot;%1&quot; must end in .png</source>
        <translation>--screenshot：“%1”必须以 .png 结尾</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <source>--theme: &quot;%1&quot; is not light or dark</source>
        <translation>--theme：“%1”既不是 light 也不是 dark</translation>
    </message>
    <message>
        <source>--size: &quot;%1&quot; is not WIDTHxHEIGHT between 320x240 and 8192x8192</source>
        <translation>--size：“%1”不是介于 320x240 与 8192x8192 之间的 宽x高</translation>
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
        <translation>用法：
  lathe [PATH] [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]
  lathe (--model PATH | --endpoint URL [--api-key-env VAR]) [--compare-model PATH]
        [--system TEXT] [--prompt TEXT]...
  lathe --screenshot PAGE FILE.png [--theme light|dark] [--size WxH] [ARGS]

PATH 是 .safetensors 文件、model.safetensors.index.json 或模型文件夹：
它会在检查器中打开。--model（模型文件夹、.gguf 文件或缓存中的 Hub 仓库 ID）
或 --endpoint（TGI 或 OpenAI 兼容的服务器）会用该模型打开聊天页面；
--prompt 在模型就绪后发送一条消息。
--screenshot 在屏幕外将 PAGE（inspector、chat）渲染到 FILE.png 后退出；
ARGS 是该页面在命令行上接受的参数。
</translation>
    </message>
</context>
<context>
    <name>lathe::MainWindow</name>
    <message>
        <source>Lathe</source>
        <translation>Lathe</translation>
    </message>
    <message numerus="yes">
        <source>Engine: %n thread(s)</source>
        <translation>
            <numerusform>引擎：%n 个线程</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics and comparisons run on a pool of this many threads (LATHE_THREADS)</source>
        <translation>统计和比较在这么多线程的线程池中运行（LATHE_THREADS）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Takes effect when Lathe restarts</source>
        <translation>重启 Lathe 后生效</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Lathe</source>
        <translation>关于 Lathe(&amp;A)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>清除最近文件</translation>
    </message>
    <message>
        <source>No page here opens files.</source>
        <translation>没有可打开文件的页面。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <source>The language changes when Lathe restarts.</source>
        <translation>重启 Lathe 后将切换语言。</translation>
    </message>
    <message numerus="yes">
        <source>Opened the first of %n dropped item(s).</source>
        <translation>
            <numerusform>已打开拖放的 %n 个项目中的第一个。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Lathe</source>
        <translation>%1 — Lathe</translation>
    </message>
</context>
<context>
    <name>lathe::MessageView</name>
    <message>
        <source>The answer is still being written</source>
        <translation>回答仍在生成中</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>您的消息</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Outside the context: not sent</source>
        <translation>超出上下文：未发送</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>复制消息</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate answer</source>
        <translation>重新生成回答</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>第 %1 个版本，共 %2 个</translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation>正在编辑的消息</translation>
    </message>
    <message>
        <source>Ctrl+Enter to send · Esc to cancel</source>
        <translation>Ctrl+Enter 发送 · Esc 取消</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>lathe::ModelPicker</name>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1, not usable: %2</source>
        <translation>%1，不可用：%2</translation>
    </message>
    <message>
        <source>Choose the model to chat with (Alt+Down)</source>
        <translation>选择要与之聊天的模型（Alt+↓）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading this model</source>
        <translation>停止加载此模型</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss the error</source>
        <translation>关闭错误提示</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>筛选模型</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Look again for models in the Hugging Face cache and for endpoints (%1)</source>
        <translation>重新查找 Hugging Face 缓存中的模型和端点（%1）</translation>
    </message>
    <message>
        <source>Open model folder…</source>
        <translation>打开模型文件夹…</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>打开 GGUF 文件…</translation>
    </message>
    <message>
        <source>Connect to endpoint…</source>
        <translation>连接到端点…</translation>
    </message>
    <message>
        <source>A folder with config.json, the weights and the tokenizer</source>
        <translation>包含 config.json、权重和分词器的文件夹</translation>
    </message>
    <message>
        <source>A single .gguf file, as llama.cpp uses</source>
        <translation>单个 .gguf 文件，即 llama.cpp 使用的格式</translation>
    </message>
    <message>
        <source>A Text Generation Inference server or any OpenAI-compatible chat API</source>
        <translation>Text Generation Inference 服务器或任何 OpenAI 兼容的聊天 API</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>No models found. Open a model folder or a GGUF file, or connect to an endpoint.</source>
        <translation>未找到模型。请打开模型文件夹或 GGUF 文件，或连接到端点。</translation>
    </message>
    <message>
        <source>No model matches “%1”.</source>
        <translation>没有与“%1”匹配的模型。</translation>
    </message>
</context>
<context>
    <name>lathe::NumberFormat</name>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
</context>
<context>
    <name>lathe::Page</name>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>page &quot;%1&quot; takes no arguments, got &quot;%2&quot;</source>
        <translation>页面“%1”不接受参数，却收到了“%2”</translation>
    </message>
</context>
<context>
    <name>lathe::SamplingPanel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>End of answer</source>
        <translation>回答结束</translation>
    </message>
    <message>
        <source>The model ended its answer with its end-of-turn token.</source>
        <translation>模型以其轮次结束 token 结束了回答。</translation>
    </message>
    <message>
        <source>Stop string</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <source>The answer reached one of the stop strings.</source>
        <translation>回答遇到了某个停止字符串。</translation>
    </message>
    <message>
        <source>Length limit</source>
        <translation>长度上限</translation>
    </message>
    <message>
        <source>The answer reached Max new tokens or the end of the context; it may stop mid-sentence.</source>
        <translation>回答达到了“最大新 token 数”或上下文末尾，可能在句子中间截断。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>You stopped the answer; the text so far was kept.</source>
        <translation>回答已被手动停止；已生成的文本已保留。</translation>
    </message>
    <message>
        <source>Broken off by an error</source>
        <translation>因错误中断</translation>
    </message>
    <message>
        <source>The stream broke after text arrived; the text so far was kept.</source>
        <translation>收到部分文本后数据流中断；已收到的文本已保留。</translation>
    </message>
    <message>
        <source>Helpful assistant</source>
        <translation>乐于助人的助手</translation>
    </message>
    <message>
        <source>You are a helpful, honest assistant. Answer clearly and accurately, and say so when you are not sure instead of guessing. When a request is ambiguous, ask one short clarifying question. Use Markdown for lists, tables and code.</source>
        <translation>你是一个乐于助人、诚实的助手。回答要清晰准确；不确定时请直接说明，不要猜测。请求有歧义时，提出一个简短的澄清问题。列表、表格和代码请使用 Markdown。</translation>
    </message>
    <message>
        <source>Concise</source>
        <translation>简洁</translation>
    </message>
    <message>
        <source>Answer as briefly as you can while staying correct and complete. Lead with the answer itself; no introductions, no restating the question, no closing remarks. Prefer short sentences and lists.</source>
        <translation>在保证正确和完整的前提下，尽可能简短地回答。直接给出答案；不要开场白，不要复述问题，不要结束语。尽量使用短句和列表。</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>代码审查员</translation>
    </message>
    <message>
        <source>You are an experienced code reviewer. For the code you are given, list bugs first, then risky or unclear parts, then style. Quote the lines you mean, explain why each point matters and suggest a concrete fix. If the code looks correct, say so plainly instead of inventing problems.</source>
        <translation>你是一名经验丰富的代码审查员。对于给出的代码，先列出缺陷，再列出有风险或不清晰的部分，最后是代码风格。引用你所指的代码行，解释每一点为何重要，并给出具体的修复建议。如果代码看起来没有问题，就直接说明，不要凭空编造问题。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Replace the system prompt with a saved one</source>
        <translation>用已保存的系统提示词替换当前内容</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>另存为预设…</translation>
    </message>
    <message>
        <source>Save this system prompt as a preset under a name</source>
        <translation>将此系统提示词以指定名称保存为预设</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete the selected preset (built-in presets stay)</source>
        <translation>删除所选预设（内置预设不会被删除）</translation>
    </message>
    <message>
        <source>No system prompt. Write one, or pick a preset.</source>
        <translation>无系统提示词。可自行编写，或选择一个预设。</translation>
    </message>
    <message>
        <source>Sent first in every request of this conversation, before the messages. Some chat templates do not accept a system prompt.</source>
        <translation>在此对话的每次请求中最先发送，位于所有消息之前。部分聊天模板不支持系统提示词。</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation>全部重置</translation>
    </message>
    <message>
        <source>Clear every field, so the model&apos;s defaults apply</source>
        <translation>清空所有字段，改用模型的默认值</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>温度(&amp;T)</translation>
    </message>
    <message>
        <source>Divides the logits before sampling. Lower is more focused, higher more varied; 0 always picks the most likely token (greedy).
Valid: 0 or more. 0.6 to 0.8 suits chat.</source>
        <translation>采样前将 logits 除以该值。越低越集中，越高越多样；0 总是选择概率最高的 token（贪心）。
有效值：0 或以上。聊天宜取 0.6 到 0.8。</translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation>Top-k(&amp;K)</translation>
    </message>
    <message>
        <source>Samples only from the k most likely tokens.
Valid: a whole number, 0 or more; 0 turns it off.</source>
        <translation>只从概率最高的 k 个 token 中采样。
有效值：0 或以上的整数；0 表示关闭。</translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation>Top-p(&amp;P)</translation>
    </message>
    <message>
        <source>Samples from the smallest set of likely tokens whose probabilities add up to p (nucleus sampling).
Valid: above 0, at most 1; 1 turns it off.</source>
        <translation>从累计概率达到 p 的最小 token 集合中采样（核采样）。
有效值：大于 0 且不超过 1；1 表示关闭。</translation>
    </message>
    <message>
        <source>&amp;Min-p</source>
        <translation>Min-p(&amp;M)</translation>
    </message>
    <message>
        <source>Leaves out tokens less likely than min-p times the probability of the most likely token.
Valid: 0 to 1; 0 turns it off, 0.05 to 0.1 is typical.</source>
        <translation>排除概率低于 min-p 乘以最可能 token 概率的 token。
有效值：0 到 1；0 表示关闭，常用 0.05 到 0.1。</translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation>重复惩罚(&amp;R)</translation>
    </message>
    <message>
        <source>Makes tokens that already appear in the conversation less likely. 1 is no penalty, 1.1 is mild; below 1 favours repeats.
Valid: above 0.</source>
        <translation>降低对话中已出现过的 token 的概率。1 表示不惩罚，1.1 为轻度；小于 1 则鼓励重复。
有效值：大于 0。</translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation>最大新 token 数(&amp;N)</translation>
    </message>
    <message>
        <source>The longest answer, in tokens. The answer can end sooner at the model&apos;s end-of-turn token or a stop string, and never runs past the context.
Valid: a whole number, 1 or more.</source>
        <translation>回答的最大长度（以 token 计）。回答可能因模型的轮次结束 token 或停止字符串而提前结束，且绝不会超出上下文。
有效值：1 或以上的整数。</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>随机种子(&amp;E)</translation>
    </message>
    <message>
        <source>Starts the random choices at this number, so the same prompt and settings give the same answer again. Empty: the default shown in grey, where “random” is a new seed for every answer.
Valid: a whole number from 0 to %1.</source>
        <translation>以此数值作为随机选择的起点，使相同的提示词和设置再次得到相同的回答。留空：使用灰色显示的默认值，其中“随机”表示每次回答都使用新的种子。
有效值：0 到 %1 之间的整数。</translation>
    </message>
    <message>
        <source>Stop strings</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <source>The answer ends when the model writes one of these texts. Write \n for a line break and \t for a tab; double-click or press F2 to edit one.</source>
        <translation>模型写出其中任一文本时，回答即结束。用 \n 表示换行，\t 表示制表符；双击或按 F2 可编辑。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a stop string</source>
        <translation>添加停止字符串</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected stop string</source>
        <translation>移除所选的停止字符串</translation>
    </message>
    <message>
        <source>&amp;Stop strings</source>
        <translation>停止字符串(&amp;S)</translation>
    </message>
    <message>
        <source>Reset to the model&apos;s default</source>
        <translation>重置为模型的默认值</translation>
    </message>
    <message>
        <source>Reset %1</source>
        <translation>重置 %1</translation>
    </message>
    <message>
        <source>Last answer</source>
        <translation>上一条回答</translation>
    </message>
    <message>
        <source>No answer yet.</source>
        <translation>暂无回答。</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首个 token 耗时</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token 数</translation>
    </message>
    <message>
        <source>Finished by</source>
        <translation>结束原因</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>From sending the request to the first text of the answer: reading the prompt, plus the network for a server</source>
        <translation>从发送请求到收到回答的第一段文本：包括读取提示词的时间，使用服务器时还包括网络耗时</translation>
    </message>
    <message>
        <source>Tokens per second after the first token</source>
        <translation>首个 token 之后每秒生成的 token 数</translation>
    </message>
    <message>
        <source>Tokens in the answer</source>
        <translation>回答中的 token 数</translation>
    </message>
    <message>
        <source>What produced the answer</source>
        <translation>生成该回答的后端</translation>
    </message>
    <message>
        <source>Empty fields use the backend&apos;s defaults.</source>
        <translation>空字段使用后端的默认值。</translation>
    </message>
    <message>
        <source>Empty fields use the defaults from %1.</source>
        <translation>空字段使用 %1 中的默认值。</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>The answer also ends at the model&apos;s end-of-turn token.</source>
        <translation>回答也会在模型的轮次结束 token 处结束。</translation>
    </message>
    <message>
        <source>When empty: %1, and the model&apos;s end-of-turn token.</source>
        <translation>留空时：%1，以及模型的轮次结束 token。</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>“%1” is a built-in preset. Choose another name.</source>
        <translation>“%1”是内置预设，请换一个名称。</translation>
    </message>
    <message>
        <source>Replace the preset “%1”?</source>
        <translation>替换预设“%1”？</translation>
    </message>
    <message>
        <source>Use a number, 0 or more (0 is greedy).</source>
        <translation>请输入 0 或以上的数（0 为贪心）。</translation>
    </message>
    <message>
        <source>Use a whole number, 0 or more (0 turns it off).</source>
        <translation>请输入 0 或以上的整数（0 表示关闭）。</translation>
    </message>
    <message>
        <source>Use a number above 0 and at most 1.</source>
        <translation>请输入大于 0 且不超过 1 的数。</translation>
    </message>
    <message>
        <source>Use a number from 0 to 1.</source>
        <translation>请输入 0 到 1 之间的数。</translation>
    </message>
    <message>
        <source>Use a number above 0 (1 is no penalty).</source>
        <translation>请输入大于 0 的数（1 表示不惩罚）。</translation>
    </message>
    <message>
        <source>Use a whole number, 1 or more.</source>
        <translation>请输入 1 或以上的整数。</translation>
    </message>
    <message>
        <source>Use a whole number from 0 to 9223372036854775807.</source>
        <translation>请输入 0 到 9223372036854775807 之间的整数。</translation>
    </message>
</context>
<context>
    <name>lathe::TemplateView</name>
    <message>
        <source>&amp;Text</source>
        <translation>文本(&amp;T)</translation>
    </message>
    <message>
        <source>The prompt as the chat template wrote it</source>
        <translation>聊天模板生成的提示词文本</translation>
    </message>
    <message>
        <source>To&amp;kens</source>
        <translation>Token(&amp;K)</translation>
    </message>
    <message>
        <source>The prompt as the model reads it, one chip per token; hover a chip for its id</source>
        <translation>模型读取的提示词，每个 token 一个标签；将鼠标悬停在标签上可查看其 ID</translation>
    </message>
    <message>
        <source>Show &amp;whitespace</source>
        <translation>显示空白字符(&amp;W)</translation>
    </message>
    <message>
        <source>Show spaces as ·, tabs as → and line breaks as ↵</source>
        <translation>将空格显示为 ·，制表符显示为 →，换行显示为 ↵</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Prompt text</source>
        <translation>提示词文本</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>提示词 token</translation>
    </message>
    <message>
        <source>No prompt yet. Send a message, or load a model to see what its template makes of this conversation.</source>
        <translation>尚无提示词。发送一条消息，或加载模型以查看其模板如何处理此对话。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>id %1 · &apos;%2&apos;</source>
        <translation>ID %1 · &apos;%2&apos;</translation>
    </message>
    <message>
        <source>special token</source>
        <translation>特殊 token</translation>
    </message>
</context>
<context>
    <name>lathe::TensorDetailPanel</name>
    <message>
        <source>Select a tensor to see its details and statistics.</source>
        <translation>选择一个张量以查看其详细信息和统计数据。</translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation>复制名称</translation>
    </message>
    <message>
        <source>Copy the full tensor name to the clipboard</source>
        <translation>将完整的张量名称复制到剪贴板</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Data offsets</source>
        <translation>数据偏移</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>NaN</source>
        <translation>NaN</translation>
    </message>
    <message>
        <source>+Inf</source>
        <translation>+Inf</translation>
    </message>
    <message>
        <source>−Inf</source>
        <translation>−Inf</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>零值</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute the statistics of this tensor again</source>
        <translation>重新计算此张量的统计数据</translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>Logarithmic counts</source>
        <translation>对数计数</translation>
    </message>
    <message>
        <source>Show bar heights on a logarithmic axis, so rare values stay visible</source>
        <translation>在对数坐标轴上显示柱高，使稀有值仍然可见</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>[%1, %2]</source>
        <translation>[%1, %2]</translation>
    </message>
    <message>
        <source>Bytes %1 – %2 of the file</source>
        <translation>文件中的第 %1 – %2 字节</translation>
    </message>
    <message numerus="yes">
        <source>Module with %n tensor(s)</source>
        <translation>
            <numerusform>包含 %n 个张量的模块</numerusform>
        </translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>%1 finite of %2 elements</source>
        <translation>%2 个元素中有 %1 个有限值</translation>
    </message>
    <message>
        <source>Statistics failed: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>lathe::TensorTreeModel</name>
    <message>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n 个张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n tensor(s)</source>
        <translation>
            <numerusform>%1
%n 个张量</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 parameters (%2)</source>
        <translation>%1 个参数（%2）</translation>
    </message>
    <message>
        <source>The tensors of this group are spread over several files</source>
        <translation>该分组的张量分布在多个文件中</translation>
    </message>
    <message>
        <source>data_offsets [%1, %2] of the data buffer
bytes %3 – %4 of the file</source>
        <translation>数据缓冲区中的 data_offsets [%1, %2]
文件中的第 %3 – %4 字节</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>The file that holds the tensor</source>
        <translation>存放该张量的文件</translation>
    </message>
    <message>
        <source>data_offsets as written in the header: begin – end in the file&apos;s data buffer</source>
        <translation>头部中记录的 data_offsets：文件数据缓冲区中的起止位置</translation>
    </message>
</context>
<context>
    <name>lathe::TextFilter</name>
    <message>
        <source>Invalid regular expression: %1 (at character %2)</source>
        <translation>无效的正则表达式：%1（第 %2 个字符处）</translation>
    </message>
</context>
<context>
    <name>lathe::TranscriptView</name>
    <message>
        <source>↓  Jump to latest</source>
        <translation>↓  跳到最新</translation>
    </message>
    <message>
        <source>Jump to latest message</source>
        <translation>跳到最新消息</translation>
    </message>
    <message>
        <source>Scroll to the latest message and follow the answer</source>
        <translation>滚动到最新消息并跟随回答</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
  lathe --screenshot PAGE FILE.png [--theme light|dark] [--size WxH] [ARGS]

PATH is a .safetensors file, a model.safetensors.index.json or a model folder.
--screenshot renders PAGE (inspector) offscreen into FILE.png and exits;
ARGS are what the page takes on the command line.
</source>
        <translation>用法：
  lathe [PATH] [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]
  lathe --screenshot PAGE FILE.png [--theme light|dark] [--size WxH] [ARGS]

PATH 是 .safetensors 文件、model.safetensors.index.json 或模型文件夹。
--screenshot 在屏幕外将 PAGE（inspector）渲染到 FILE.png 后退出；
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
</TS>

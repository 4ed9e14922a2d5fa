<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>lathe::AboutDialog</name>
    <message>
        <source>About Lathe</source>
        <translation>Über Lathe</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Lathe %1&lt;/h2&gt;&lt;p&gt;A desktop workbench for Hugging Face models.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Lathe %1&lt;/h2&gt;&lt;p&gt;Eine Desktop-Werkbank für Hugging-Face-Modelle.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (erstellt mit %2)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>asking the engine…</source>
        <translation>frage die Engine …</translation>
    </message>
    <message>
        <source>CUDA runtime</source>
        <translation>CUDA-Laufzeit</translation>
    </message>
    <message>
        <source>CUDA driver</source>
        <translation>CUDA-Treiber</translation>
    </message>
    <message>
        <source>Engine threads</source>
        <translation>Engine-Threads</translation>
    </message>
    <message>
        <source>not built with CUDA</source>
        <translation>ohne CUDA erstellt</translation>
    </message>
    <message>
        <source>no driver</source>
        <translation>kein Treiber</translation>
    </message>
</context>
<context>
    <name>lathe::CheckpointHeader</name>
    <message>
        <source>Compare with…</source>
        <translation>Vergleichen mit …</translation>
    </message>
    <message>
        <source>Compare this checkpoint with another one, e.g. a base model with its fine-tune</source>
        <translation>Diesen Checkpoint mit einem anderen vergleichen, z. B. ein Basismodell mit seinem Fine-Tune</translation>
    </message>
    <message>
        <source>A file or index…</source>
        <translation>Einer Datei oder einem Index …</translation>
    </message>
    <message>
        <source>A folder…</source>
        <translation>Einem Ordner …</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; Parameter</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; tensor(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Tensor</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Tensoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; file(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Datei</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; warning(s)&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; Warnung&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:#d08a1e&apos;&gt;&lt;b&gt;%n&lt;/b&gt; Warnungen&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lathe::CheckpointSummaryPanel</name>
    <message>
        <source>a single .safetensors file</source>
        <translation>eine einzelne .safetensors-Datei</translation>
    </message>
    <message>
        <source>a sharded checkpoint, through its index</source>
        <translation>ein aufgeteilter Checkpoint, über seinen Index</translation>
    </message>
    <message>
        <source>a model folder</source>
        <translation>ein Modellordner</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>By dtype</source>
        <translation>Nach Datentyp</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Metadata (__metadata__)</source>
        <translation>Metadaten (__metadata__)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>The file has no __metadata__ entry.</source>
        <translation>Die Datei hat keinen __metadata__-Eintrag.</translation>
    </message>
    <message>
        <source>Index metadata</source>
        <translation>Index-Metadaten</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;Opened&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Path&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensors&lt;/td&gt;&lt;td&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%4&lt;/b&gt; (%5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensor bytes&lt;/td&gt;&lt;td&gt;&lt;b&gt;%6&lt;/b&gt; (%7)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Files&lt;/td&gt;&lt;td&gt;&lt;b&gt;%8&lt;/b&gt;, %9 on disk&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;Geöffnet&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Pfad&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensoren&lt;/td&gt;&lt;td&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameter&lt;/td&gt;&lt;td&gt;&lt;b&gt;%4&lt;/b&gt; (%5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Tensor-Bytes&lt;/td&gt;&lt;td&gt;&lt;b&gt;%6&lt;/b&gt; (%7)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Dateien&lt;/td&gt;&lt;td&gt;&lt;b&gt;%8&lt;/b&gt;, %9 auf der Festplatte&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>JSON header of %1 (plus the 8-byte length)</source>
        <translation>JSON-Header mit %1 (zuzüglich der 8-Byte-Länge)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>lathe::CompareView</name>
    <message>
        <source>Back to tensors</source>
        <translation>Zurück zu den Tensoren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation>Erneut vergleichen</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>Tensoren nach Namen filtern</translation>
    </message>
    <message>
        <source>Changed only</source>
        <translation>Nur geänderte</translation>
    </message>
    <message>
        <source>Hide tensors that are identical in both checkpoints</source>
        <translation>Tensoren ausblenden, die in beiden Checkpoints identisch sind</translation>
    </message>
    <message>
        <source>Choose another…</source>
        <translation>Anderen wählen …</translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp;⇄&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp;⇄&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>A: %1
B: %2</source>
        <translation>A: %1
B: %2</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>Comparing every tensor…</source>
        <translation>Alle Tensoren werden verglichen …</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Vergleich abgebrochen.</translation>
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
        <translation>identisch</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>shape changed</source>
        <translation>Form geändert</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>A value is NaN on one side, so the difference is unknown</source>
        <translation>Ein Wert ist auf einer Seite NaN, daher ist die Differenz unbekannt</translation>
    </message>
    <message>
        <source>Largest absolute difference of any element: %1</source>
        <translation>Größte absolute Differenz eines Elements: %1</translation>
    </message>
    <message>
        <source>‖B − A‖ / ‖A‖ (Frobenius norms): %1</source>
        <translation>‖B − A‖ / ‖A‖ (Frobeniusnormen): %1</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>DType A → B</source>
        <translation>Datentyp A → B</translation>
    </message>
    <message>
        <source>Shape A → B</source>
        <translation>Form A → B</translation>
    </message>
    <message>
        <source>Max |Δ|</source>
        <translation>Max |Δ|</translation>
    </message>
    <message>
        <source>Rel. Frobenius</source>
        <translation>Rel. Frobenius</translation>
    </message>
    <message>
        <source>The largest absolute difference of any element</source>
        <translation>Die größte absolute Differenz eines Elements</translation>
    </message>
    <message>
        <source>‖B − A‖ / ‖A‖: how much of the tensor changed, relative to its size</source>
        <translation>‖B − A‖ / ‖A‖: wie stark sich der Tensor im Verhältnis zu seiner Größe geändert hat</translation>
    </message>
</context>
<context>
    <name>lathe::EmptyStatePanel</name>
    <message>
        <source>Open file…</source>
        <translation>Datei öffnen …</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Ordner öffnen …</translation>
    </message>
</context>
<context>
    <name>lathe::EngineWorker</name>
    <message>
        <source>not enough memory for this request</source>
        <translation>nicht genug Speicher für diese Anfrage</translation>
    </message>
</context>
<context>
    <name>lathe::ErrorPanel</name>
    <message>
        <source>Open another…</source>
        <translation>Andere Datei öffnen …</translation>
    </message>
</context>
<context>
    <name>lathe::FilterBar</name>
    <message>
        <source>Filter by name</source>
        <translation>Nach Namen filtern</translation>
    </message>
    <message>
        <source>Match names with a regular expression instead of plain text</source>
        <translation>Namen mit einem regulären Ausdruck statt mit einfachem Text abgleichen</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
</context>
<context>
    <name>lathe::HistogramPlot</name>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>No histogram</source>
        <translation>Kein Histogramm</translation>
    </message>
    <message>
        <source>No finite values</source>
        <translation>Keine endlichen Werte</translation>
    </message>
</context>
<context>
    <name>lathe::InspectorPage</name>
    <message>
        <source>Open a checkpoint</source>
        <translation>Einen Checkpoint öffnen</translation>
    </message>
    <message>
        <source>See every tensor of a .safetensors file, a sharded model (model.safetensors.index.json) or a model folder: names, dtypes, shapes and sizes, and statistics and a histogram of any tensor. Nothing is loaded into memory; the files are mapped.</source>
        <translation>Jeden Tensor einer .safetensors-Datei, eines aufgeteilten Modells (model.safetensors.index.json) oder eines Modellordners ansehen: Namen, Datentypen, Formen und Größen sowie Statistiken und ein Histogramm jedes Tensors. Nichts wird in den Speicher geladen; die Dateien werden eingeblendet.</translation>
    </message>
    <message>
        <source>or drop a file or folder anywhere in this window</source>
        <translation>oder eine Datei bzw. einen Ordner irgendwo in dieses Fenster ziehen</translation>
    </message>
    <message>
        <source>Filter tensors, e.g. layers.0. or q_proj</source>
        <translation>Tensoren filtern, z. B. layers.0. oder q_proj</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Safetensors checkpoints (*.safetensors *.safetensors.index.json);;JSON index files (*.json);;All files (*)</source>
        <translation>Safetensors-Checkpoints (*.safetensors *.safetensors.index.json);;JSON-Indexdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; for the inspector</source>
        <translation>unbekannte Option „%1“ für den Inspektor</translation>
    </message>
    <message>
        <source>the inspector takes one path, got &quot;%1&quot; and &quot;%2&quot;</source>
        <translation>der Inspektor nimmt einen Pfad, erhalten: „%1“ und „%2“</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n tensor(s), %2 parameters, %3</source>
        <translation>
            <numerusform>%1 geöffnet: %n Tensor, %2 Parameter, %3</numerusform>
            <numerusform>%1 geöffnet: %n Tensoren, %2 Parameter, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not compare the checkpoints</source>
        <translation>Die Checkpoints konnten nicht verglichen werden</translation>
    </message>
    <message>
        <source>Compare with folder</source>
        <translation>Mit Ordner vergleichen</translation>
    </message>
    <message>
        <source>Compare with checkpoint</source>
        <translation>Mit Checkpoint vergleichen</translation>
    </message>
    <message>
        <source>Open a checkpoint first, then compare it with another.</source>
        <translation>Zuerst einen Checkpoint öffnen, dann mit einem anderen vergleichen.</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>--tab: &quot;%1&quot; is not tensor or checkpoint</source>
        <translation>--tab: „%1“ ist weder tensor noch checkpoint</translation>
    </message>
    <message>
        <source>--compare and --select need a checkpoint: give PATH first</source>
        <translation>--compare und --select brauchen einen Checkpoint: zuerst PFAD angeben</translation>
    </message>
</context>
<context>
    <name>lathe::LaunchOptions</name>
    <message>
        <source>--screenshot needs PAGE and FILE.png</source>
        <translation>--screenshot braucht SEITE und DATEI.png</translation>
    </message>
    <message>
        <source>--screenshot: &quot;%1&quot; must end in .png</source>
        <translation>--screenshot: „%1“ muss auf .png enden</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>--theme: &quot;%1&quot; is not light or dark</source>
        <translation>--theme: „%1“ ist weder light noch dark</translation>
    </message>
    <message>
        <source>--size: &quot;%1&quot; is not WIDTHxHEIGHT between 320x240 and 8192x8192</source>
        <translation>--size: „%1“ ist nicht BREITExHÖHE zwischen 320x240 und 8192x8192</translation>
    </message>
    <message>
        <source>Usage:
  lathe [PATH] [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]
  lathe --screenshot PAGE FILE.png [--theme light|dark] [--size WxH] [ARGS]

PATH is a .safetensors file, a model.safetensors.index.json or a model folder.
--screenshot renders PAGE (inspector) offscreen into FILE.png and exits;
ARGS are what the page takes on the command line.
</source>
        <translation>Aufruf:
  lathe [PFAD] [--compare ANDERER] [--select TENSOR] [--tab tensor|checkpoint]
  lathe --screenshot SEITE DATEI.png [--theme light|dark] [--size BxH] [ARGUMENTE]

PFAD ist eine .safetensors-Datei, eine model.safetensors.index.json oder ein Modellordner.
--screenshot zeichnet SEITE (inspector) unsichtbar in DATEI.png und beendet sich;
ARGUMENTE sind, was die Seite auf der Befehlszeile annimmt.
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
            <numerusform>Engine: %n Thread</numerusform>
            <numerusform>Engine: %n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics and comparisons run on a pool of this many threads (LATHE_THREADS)</source>
        <translation>Statistiken und Vergleiche laufen auf einem Pool mit so vielen Threads (LATHE_THREADS)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>Datei &amp;öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen …</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Takes effect when Lathe restarts</source>
        <translation>Wirkt nach einem Neustart von Lathe</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Lathe</source>
        <translation>&amp;Über Lathe</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>No page here opens files.</source>
        <translation>Keine Seite hier öffnet Dateien.</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation>Checkpoint öffnen</translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <source>The language changes when Lathe restarts.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Lathe.</translation>
    </message>
    <message numerus="yes">
        <source>Opened the first of %n dropped item(s).</source>
        <translation>
            <numerusform>Das abgelegte Element wurde geöffnet.</numerusform>
            <numerusform>Das erste von %n abgelegten Elementen wurde geöffnet.</numerusform>
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
        <translation>%1 Bytes</translation>
    </message>
</context>
<context>
    <name>lathe::Page</name>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>page &quot;%1&quot; takes no arguments, got &quot;%2&quot;</source>
        <translation>Seite „%1“ nimmt keine Argumente, erhalten: „%2“</translation>
    </message>
</context>
<context>
    <name>lathe::TensorDetailPanel</name>
    <message>
        <source>Select a tensor to see its details and statistics.</source>
        <translation>Einen Tensor auswählen, um seine Details und Statistiken zu sehen.</translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation>Namen kopieren</translation>
    </message>
    <message>
        <source>Copy the full tensor name to the clipboard</source>
        <translation>Den vollständigen Tensornamen in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <source>Data offsets</source>
        <translation>Datenoffsets</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>Std.-Abw.</translation>
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
        <translation>Nullen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berechnen</translation>
    </message>
    <message>
        <source>Compute the statistics of this tensor again</source>
        <translation>Die Statistik dieses Tensors erneut berechnen</translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation>Histogramm</translation>
    </message>
    <message>
        <source>Logarithmic counts</source>
        <translation>Logarithmische Anzahl</translation>
    </message>
    <message>
        <source>Show bar heights on a logarithmic axis, so rare values stay visible</source>
        <translation>Balkenhöhen auf einer logarithmischen Achse zeigen, damit seltene Werte sichtbar bleiben</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>[%1, %2]</source>
        <translation>[%1, %2]</translation>
    </message>
    <message>
        <source>Bytes %1 – %2 of the file</source>
        <translation>Bytes %1 – %2 der Datei</translation>
    </message>
    <message numerus="yes">
        <source>Module with %n tensor(s)</source>
        <translation>
            <numerusform>Modul mit %n Tensor</numerusform>
            <numerusform>Modul mit %n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet …</translation>
    </message>
    <message>
        <source>%1 finite of %2 elements</source>
        <translation>%1 endliche von %2 Elementen</translation>
    </message>
    <message>
        <source>Statistics failed: %1</source>
        <translation>Statistik fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>lathe::TensorTreeModel</name>
    <message>
        <source>mixed</source>
        <translation>gemischt</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n Tensor</numerusform>
            <numerusform>%n Tensoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n tensor(s)</source>
        <translation>
            <numerusform>%1
%n Tensor</numerusform>
            <numerusform>%1
%n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 parameters (%2)</source>
        <translation>%1 Parameter (%2)</translation>
    </message>
    <message>
        <source>The tensors of this group are spread over several files</source>
        <translation>Die Tensoren dieser Gruppe verteilen sich auf mehrere Dateien</translation>
    </message>
    <message>
        <source>data_offsets [%1, %2] of the data buffer
bytes %3 – %4 of the file</source>
        <translation>data_offsets [%1, %2] im Datenpuffer
Bytes %3 – %4 der Datei</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation>Offsets</translation>
    </message>
    <message>
        <source>The file that holds the tensor</source>
        <translation>Die Datei, die den Tensor enthält</translation>
    </message>
    <message>
        <source>data_offsets as written in the header: begin – end in the file&apos;s data buffer</source>
        <translation>data_offsets wie im Header: Anfang – Ende im Datenpuffer der Datei</translation>
    </message>
</context>
<context>
    <name>lathe::TextFilter</name>
    <message>
        <source>Invalid regular expression: %1 (at character %2)</source>
        <translation>Ungültiger regulärer Ausdruck: %1 (bei Zeichen %2)</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>%1
Choose a model of a supported family, or convert it.</source>
        <translation>%1
Ein Modell einer unterstützten Familie wählen oder es konvertieren.</translation>
    </message>
    <message>
        <source>%1
The checkpoint is incomplete or does not match its config.json: download it again.</source>
        <translation>%1
Der Checkpoint ist unvollständig oder passt nicht zu seiner config.json: erneut herunterladen.</translation>
    </message>
    <message>
        <source>%1
Chat needs an instruction-tuned model that ships its tokenizer and chat template.</source>
        <translation>%1
Der Chat braucht ein instruktionsoptimiertes Modell, das seinen Tokenizer und sein Chat-Template mitbringt.</translation>
    </message>
    <message>
        <source>%L1B params</source>
        <translation>%L1 Mrd. Parameter</translation>
    </message>
    <message>
        <source>%L1M params</source>
        <translation>%L1 Mio. Parameter</translation>
    </message>
</context>
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
    <name>lathe::ChatComposer</name>
    <message>
        <source>Write a message… (Enter to send, Shift+Enter for a new line)</source>
        <translation>Nachricht schreiben … (Enter sendet, Umschalt+Enter für neue Zeile)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <source>Stop the answer (Esc); the text so far is kept</source>
        <translation>Antwort anhalten (Esc); der bisherige Text bleibt erhalten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Enter)</translation>
    </message>
</context>
<context>
    <name>lathe::ChatPage</name>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Send the conversation to a second model or server and read both answers side by side</source>
        <translation>Die Unterhaltung an ein zweites Modell oder einen zweiten Server senden und beide Antworten nebeneinander lesen</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>In die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>%1 wird geladen</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1 is ready</source>
        <translation>%1 ist bereit</translation>
    </message>
    <message>
        <source>The server counts the prompt&apos;s tokens; it holds %L1 tokens in all.</source>
        <translation>Der Server zählt die Tokens des Prompts; er fasst insgesamt %L1 Tokens.</translation>
    </message>
    <message>
        <source>Could not list models: %1</source>
        <translation>Modelle konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>Laden abgebrochen</translation>
    </message>
    <message>
        <source>Saved endpoints unreadable: %1</source>
        <translation>Gespeicherte Endpunkte nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbindung mit %1 wird hergestellt</translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <source>Open GGUF Model</source>
        <translation>GGUF-Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-Modelle (*.gguf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Endpoint not saved</source>
        <translation>Endpunkt nicht gespeichert</translation>
    </message>
    <message>
        <source>Could not save the conversation: %1</source>
        <translation>Die Unterhaltung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Load a model first</source>
        <translation>Zuerst ein Modell laden</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation>%1 s bis zum ersten Token</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) left out</source>
        <translation>
            <numerusform>%n älteste Nachricht ausgelassen</numerusform>
            <numerusform>%n älteste Nachrichten ausgelassen</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Ask %1 anything</source>
        <translation>%1 eine beliebige Frage stellen</translation>
    </message>
    <message>
        <source>Choose a model above: the demo model, one from the Hugging Face cache, a folder, a GGUF file or a server.</source>
        <translation>Oben ein Modell wählen: das Demomodell, eines aus dem Hugging-Face-Cache, einen Ordner, eine GGUF-Datei oder einen Server.</translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation>Es ist kein Modell geladen</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Choose a model above to start</source>
        <translation>Zum Starten oben ein Modell wählen</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Cannot open the conversation</source>
        <translation>Die Unterhaltung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot rename the conversation</source>
        <translation>Die Unterhaltung kann nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Cannot delete the conversation</source>
        <translation>Die Unterhaltung kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Cannot export the conversation</source>
        <translation>Die Unterhaltung kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>Als Markdown exportieren</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>unknown argument &quot;%1&quot; for the chat page (it takes --model PATH, --endpoint URL [--api-key-env VAR], --compare-model PATH, --system TEXT, --prompt TEXT)</source>
        <translation>unbekanntes Argument „%1“ für die Chat-Seite (sie nimmt --model PFAD, --endpoint URL [--api-key-env VAR], --compare-model PFAD, --system TEXT, --prompt TEXT)</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>give --model or --endpoint, not both</source>
        <translation>--model oder --endpoint angeben, nicht beides</translation>
    </message>
    <message>
        <source>--api-key-env: the environment variable %1 is not set</source>
        <translation>--api-key-env: die Umgebungsvariable %1 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>end of answer</source>
        <translation>Ende der Antwort</translation>
    </message>
    <message>
        <source>stop string</source>
        <translation>Stopp-String</translation>
    </message>
    <message>
        <source>length limit</source>
        <translation>Längenlimit</translation>
    </message>
</context>
<context>
    <name>lathe::ChatService</name>
    <message>
        <source>Out of memory. Close other models or programs, choose a smaller model or a quantized GGUF, and try again.</source>
        <translation>Nicht genug Speicher. Andere Modelle oder Programme schließen, ein kleineres Modell oder ein quantisiertes GGUF wählen und es erneut versuchen.</translation>
    </message>
    <message>
        <source>the GGUF file</source>
        <translation>der GGUF-Datei</translation>
    </message>
    <message>
        <source>generation_config.json</source>
        <translation>generation_config.json</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>dem Server</translation>
    </message>
    <message>
        <source>No model is loaded. Choose one above.</source>
        <translation>Es ist kein Modell geladen. Oben eines wählen.</translation>
    </message>
    <message>
        <source>The server applies its own chat template; its prompt is not shown here.</source>
        <translation>Der Server wendet sein eigenes Chat-Template an; sein Prompt wird hier nicht angezeigt.</translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Type a message to see the prompt the chat template makes of it.</source>
        <translation>Eine Nachricht eingeben, um den Prompt zu sehen, den das Chat-Template daraus macht.</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
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
    <name>lathe::CodeBlockView</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation>Den Code kopieren</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
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
    <name>lathe::ContextBar</name>
    <message>
        <source>%1 + %2 of %3 tokens</source>
        <translation>%1 + %2 von %3 Tokens</translation>
    </message>
    <message>
        <source>Prompt: %1 tokens
Kept for the answer: %2
Free: %3
Context: %4</source>
        <translation>Prompt: %1 Tokens
Für die Antwort reserviert: %2
Frei: %3
Kontext: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) will be cut</source>
        <translation>
            <numerusform>%n älteste Nachricht fällt weg</numerusform>
            <numerusform>%n älteste Nachrichten fallen weg</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 tokens over)</source>
        <translation>%1 (%2 Tokens zu viel)</translation>
    </message>
    <message>
        <source>The conversation (%1 tokens) and the room for the answer no longer fit the model&apos;s context of %2 tokens. The oldest turns are left out of what the model sees; the system prompt and the last message are always kept. Nothing is deleted from the conversation.
Lower Max new tokens or start a new chat to keep more.</source>
        <translation>Die Unterhaltung (%1 Tokens) und der Platz für die Antwort passen nicht mehr in den Kontext des Modells von %2 Tokens. Die ältesten Runden bekommt das Modell nicht mehr zu sehen; der Systemprompt und die letzte Nachricht bleiben immer erhalten. Aus der Unterhaltung wird nichts gelöscht.
Um mehr zu behalten, „Max. neue Tokens“ senken oder einen neuen Chat beginnen.</translation>
    </message>
    <message>
        <source>Cut: %1 tokens</source>
        <translation>Weggelassen: %1 Tokens</translation>
    </message>
    <message>
        <source>Context use</source>
        <translation>Kontextnutzung</translation>
    </message>
    <message>
        <source>Context size unknown</source>
        <translation>Kontextgröße unbekannt</translation>
    </message>
</context>
<context>
    <name>lathe::ConversationList</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s), last changed %2</source>
        <translation>
            <numerusform>%1
%n Nachricht, zuletzt geändert: %2</numerusform>
            <numerusform>%1
%n Nachrichten, zuletzt geändert: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Noch keine Nachrichten</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a new conversation (%1)</source>
        <translation>Eine neue Unterhaltung beginnen (%1)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Finds conversations whose title or messages contain the text</source>
        <translation>Findet Unterhaltungen, deren Titel oder Nachrichten den Text enthalten</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren …</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren …</translation>
    </message>
    <message>
        <source>Just now</source>
        <translation>Gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 Min.</translation>
    </message>
    <message>
        <source>No conversations yet.
Start one with New chat (%1).</source>
        <translation>Noch keine Unterhaltungen.
Mit „Neuer Chat“ (%1) eine beginnen.</translation>
    </message>
    <message>
        <source>No conversation contains “%1”.</source>
        <translation>Keine Unterhaltung enthält „%1“.</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Unterhaltung löschen</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>„%1“ löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Its %n message(s) will be removed from disk. This cannot be undone.</source>
        <translation>
            <numerusform>Die %n Nachricht der Unterhaltung wird von der Festplatte gelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Die %n Nachrichten der Unterhaltung werden von der Festplatte gelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
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
    <name>lathe::EndpointDialog</name>
    <message>
        <source>Connect to endpoint</source>
        <translation>Mit Endpunkt verbinden</translation>
    </message>
    <message>
        <source>The server&apos;s address, such as http://localhost:8080 for a local Text Generation Inference server or https://api.example.com/v1 for an OpenAI-compatible API</source>
        <translation>Die Adresse des Servers, z. B. http://localhost:8080 für einen lokalen Text-Generation-Inference-Server oder https://api.example.com/v1 für eine OpenAI-kompatible API</translation>
    </message>
    <message>
        <source>Automatic (by URL)</source>
        <translation>Automatisch (nach URL)</translation>
    </message>
    <message>
        <source>OpenAI-compatible chat (/v1/chat/completions)</source>
        <translation>OpenAI-kompatibler Chat (/v1/chat/completions)</translation>
    </message>
    <message>
        <source>Text Generation Inference text (/generate_stream)</source>
        <translation>Text-Route von Text Generation Inference (/generate_stream)</translation>
    </message>
    <message>
        <source>How to talk to the server. Automatic: a URL ending in /generate_stream uses TGI&apos;s text route, any other the OpenAI-compatible chat API, which TGI, vLLM, llama.cpp&apos;s server and Ollama all offer.</source>
        <translation>Wie mit dem Server gesprochen wird. Automatisch: Eine URL, die auf /generate_stream endet, nutzt die Text-Route von TGI, jede andere die OpenAI-kompatible Chat-API, die TGI, vLLM, der Server von llama.cpp und Ollama alle anbieten.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the key as you type it</source>
        <translation>Den Schlüssel beim Tippen anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Remove saved key</source>
        <translation>Gespeicherten Schlüssel entfernen</translation>
    </message>
    <message>
        <source>How the endpoint appears in the model list</source>
        <translation>Wie der Endpunkt in der Modellliste erscheint</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Ask the server what it is, with these settings, without saving them</source>
        <translation>Den Server mit diesen Einstellungen abfragen, ohne sie zu speichern</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;API:</source>
        <translation>&amp;API:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Keep saved key</source>
        <translation>Gespeicherten Schlüssel behalten</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>None: the saved key will be removed</source>
        <translation>Keiner: Der gespeicherte Schlüssel wird entfernt</translation>
    </message>
    <message>
        <source>•••• key saved</source>
        <translation>•••• Schlüssel gespeichert</translation>
    </message>
    <message>
        <source>•••• key saved (%1)</source>
        <translation>•••• Schlüssel gespeichert (%1)</translation>
    </message>
    <message>
        <source>A key is saved for this endpoint and stays unless you type a new one or remove it.</source>
        <translation>Für diesen Endpunkt ist ein Schlüssel gespeichert. Er bleibt erhalten, bis ein neuer eingegeben oder er entfernt wird.</translation>
    </message>
    <message>
        <source>Sent as &quot;Authorization: Bearer …&quot;. Leave empty when the server needs none.</source>
        <translation>Wird als „Authorization: Bearer …“ gesendet. Leer lassen, wenn der Server keinen braucht.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Die Adresse des Servers eingeben.</translation>
    </message>
    <message>
        <source>Not a valid address: %1</source>
        <translation>Keine gültige Adresse: %1</translation>
    </message>
    <message>
        <source>Start the address with http:// or https://</source>
        <translation>Die Adresse muss mit http:// oder https:// beginnen</translation>
    </message>
    <message>
        <source>The address needs a host, as in http://localhost:8080</source>
        <translation>Die Adresse braucht einen Host, wie in http://localhost:8080</translation>
    </message>
    <message>
        <source>The server&apos;s host name</source>
        <translation>Hostname des Servers</translation>
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
        <translation>Aufruf:
  lathe [PFAD] [--compare ANDERER] [--select TENSOR] [--tab tensor|checkpoint]
  lathe (--model PFAD | --endpoint URL [--api-key-env VAR]) [--compare-model PFAD]
        [--system TEXT] [--prompt TEXT]...
  lathe --screenshot SEITE DATEI.png [--theme light|dark] [--size BxH] [ARGUMENTE]

PFAD ist eine .safetensors-Datei, eine model.safetensors.index.json oder ein Modellordner:
er wird im Inspektor geöffnet. --model (ein Modellordner, eine .gguf-Datei oder eine Hub-Repo-ID
im Cache) oder --endpoint (ein TGI- oder OpenAI-kompatibler Server) öffnet die Chat-Seite
mit diesem Modell; --prompt sendet eine Nachricht, sobald es bereit ist.
--screenshot zeichnet SEITE (inspector, chat) unsichtbar in DATEI.png und beendet sich;
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
    <name>lathe::MessageView</name>
    <message>
        <source>The answer is still being written</source>
        <translation>Die Antwort wird noch geschrieben</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Outside the context: not sent</source>
        <translation>Außerhalb des Kontexts: nicht gesendet</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Nachricht kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu generieren</translation>
    </message>
    <message>
        <source>Regenerate answer</source>
        <translation>Antwort neu generieren</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation>Bearbeitete Nachricht</translation>
    </message>
    <message>
        <source>Ctrl+Enter to send · Esc to cancel</source>
        <translation>Strg+Enter zum Senden · Esc zum Abbrechen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>lathe::ModelPicker</name>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, not usable: %2</source>
        <translation>%1, nicht nutzbar: %2</translation>
    </message>
    <message>
        <source>Choose the model to chat with (Alt+Down)</source>
        <translation>Das Modell für den Chat wählen (Alt+Pfeil nach unten)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop loading this model</source>
        <translation>Laden dieses Modells abbrechen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the error</source>
        <translation>Fehlermeldung schließen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>Modelle filtern</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Look again for models in the Hugging Face cache and for endpoints (%1)</source>
        <translation>Erneut nach Modellen im Hugging-Face-Cache und nach Endpunkten suchen (%1)</translation>
    </message>
    <message>
        <source>Open model folder…</source>
        <translation>Modellordner öffnen …</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>GGUF-Datei öffnen …</translation>
    </message>
    <message>
        <source>Connect to endpoint…</source>
        <translation>Mit Endpunkt verbinden …</translation>
    </message>
    <message>
        <source>A folder with config.json, the weights and the tokenizer</source>
        <translation>Ein Ordner mit config.json, den Gewichten und dem Tokenizer</translation>
    </message>
    <message>
        <source>A single .gguf file, as llama.cpp uses</source>
        <translation>Eine einzelne .gguf-Datei, wie llama.cpp sie verwendet</translation>
    </message>
    <message>
        <source>A Text Generation Inference server or any OpenAI-compatible chat API</source>
        <translation>Ein Text-Generation-Inference-Server oder eine beliebige OpenAI-kompatible Chat-API</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Modell wählen …</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>No models found. Open a model folder or a GGUF file, or connect to an endpoint.</source>
        <translation>Keine Modelle gefunden. Einen Modellordner oder eine GGUF-Datei öffnen oder mit einem Endpunkt verbinden.</translation>
    </message>
    <message>
        <source>No model matches “%1”.</source>
        <translation>Kein Modell passt zu „%1“.</translation>
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
        <translation>Ende der Antwort</translation>
    </message>
    <message>
        <source>The model ended its answer with its end-of-turn token.</source>
        <translation>Das Modell hat seine Antwort mit seinem End-of-Turn-Token beendet.</translation>
    </message>
    <message>
        <source>Stop string</source>
        <translation>Stopp-String</translation>
    </message>
    <message>
        <source>The answer reached one of the stop strings.</source>
        <translation>Die Antwort hat einen der Stopp-Strings erreicht.</translation>
    </message>
    <message>
        <source>Length limit</source>
        <translation>Längenlimit</translation>
    </message>
    <message>
        <source>The answer reached Max new tokens or the end of the context; it may stop mid-sentence.</source>
        <translation>Die Antwort hat „Max. neue Tokens“ oder das Ende des Kontexts erreicht; sie kann mitten im Satz enden.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>You stopped the answer; the text so far was kept.</source>
        <translation>Die Antwort wurde angehalten; der bisherige Text wurde behalten.</translation>
    </message>
    <message>
        <source>Broken off by an error</source>
        <translation>Durch einen Fehler abgebrochen</translation>
    </message>
    <message>
        <source>The stream broke after text arrived; the text so far was kept.</source>
        <translation>Der Stream brach ab, nachdem bereits Text angekommen war; der bisherige Text wurde behalten.</translation>
    </message>
    <message>
        <source>Helpful assistant</source>
        <translation>Hilfsbereiter Assistent</translation>
    </message>
    <message>
        <source>You are a helpful, honest assistant. Answer clearly and accurately, and say so when you are not sure instead of guessing. When a request is ambiguous, ask one short clarifying question. Use Markdown for lists, tables and code.</source>
        <translation>Du bist ein hilfsbereiter, ehrlicher Assistent. Antworte klar und genau, und sag es, wenn du dir nicht sicher bist, statt zu raten. Ist eine Anfrage mehrdeutig, stelle eine kurze Rückfrage. Verwende Markdown für Listen, Tabellen und Code.</translation>
    </message>
    <message>
        <source>Concise</source>
        <translation>Knapp</translation>
    </message>
    <message>
        <source>Answer as briefly as you can while staying correct and complete. Lead with the answer itself; no introductions, no restating the question, no closing remarks. Prefer short sentences and lists.</source>
        <translation>Antworte so kurz wie möglich, aber korrekt und vollständig. Beginne mit der Antwort selbst; keine Einleitung, keine Wiederholung der Frage, keine Schlussbemerkungen. Bevorzuge kurze Sätze und Listen.</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>Code-Reviewer</translation>
    </message>
    <message>
        <source>You are an experienced code reviewer. For the code you are given, list bugs first, then risky or unclear parts, then style. Quote the lines you mean, explain why each point matters and suggest a concrete fix. If the code looks correct, say so plainly instead of inventing problems.</source>
        <translation>Du bist ein erfahrener Code-Reviewer. Nenne für den vorgelegten Code zuerst Fehler, dann riskante oder unklare Stellen, dann Stilfragen. Zitiere die gemeinten Zeilen, erkläre, warum jeder Punkt wichtig ist, und schlage eine konkrete Korrektur vor. Wenn der Code korrekt aussieht, sag das klar, statt Probleme zu erfinden.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Replace the system prompt with a saved one</source>
        <translation>Den Systemprompt durch einen gespeicherten ersetzen</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>Als Vorlage speichern …</translation>
    </message>
    <message>
        <source>Save this system prompt as a preset under a name</source>
        <translation>Diesen Systemprompt unter einem Namen als Vorlage speichern</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the selected preset (built-in presets stay)</source>
        <translation>Die gewählte Vorlage löschen (eingebaute Vorlagen bleiben)</translation>
    </message>
    <message>
        <source>No system prompt. Write one, or pick a preset.</source>
        <translation>Kein Systemprompt. Einen schreiben oder eine Vorlage wählen.</translation>
    </message>
    <message>
        <source>Sent first in every request of this conversation, before the messages. Some chat templates do not accept a system prompt.</source>
        <translation>Wird bei jeder Anfrage dieser Unterhaltung zuerst gesendet, vor den Nachrichten. Manche Chat-Templates akzeptieren keinen Systemprompt.</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation>Alle zurücksetzen</translation>
    </message>
    <message>
        <source>Clear every field, so the model&apos;s defaults apply</source>
        <translation>Alle Felder leeren, damit die Standardwerte des Modells gelten</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatur</translation>
    </message>
    <message>
        <source>Divides the logits before sampling. Lower is more focused, higher more varied; 0 always picks the most likely token (greedy).
Valid: 0 or more. 0.6 to 0.8 suits chat.</source>
        <translation>Teilt die Logits vor dem Sampling. Niedriger ist fokussierter, höher abwechslungsreicher; 0 wählt immer das wahrscheinlichste Token (greedy).
Gültig: 0 oder mehr. 0,6 bis 0,8 passt für Chat.</translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation>Top-&amp;k</translation>
    </message>
    <message>
        <source>Samples only from the k most likely tokens.
Valid: a whole number, 0 or more; 0 turns it off.</source>
        <translation>Wählt nur aus den k wahrscheinlichsten Tokens.
Gültig: eine ganze Zahl, 0 oder mehr; 0 schaltet es aus.</translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation>Top-&amp;p</translation>
    </message>
    <message>
        <source>Samples from the smallest set of likely tokens whose probabilities add up to p (nucleus sampling).
Valid: above 0, at most 1; 1 turns it off.</source>
        <translation>Wählt aus der kleinsten Menge wahrscheinlicher Tokens, deren Wahrscheinlichkeiten zusammen p ergeben (Nucleus-Sampling).
Gültig: über 0, höchstens 1; 1 schaltet es aus.</translation>
    </message>
    <message>
        <source>&amp;Min-p</source>
        <translation>&amp;Min-p</translation>
    </message>
    <message>
        <source>Leaves out tokens less likely than min-p times the probability of the most likely token.
Valid: 0 to 1; 0 turns it off, 0.05 to 0.1 is typical.</source>
        <translation>Lässt Tokens aus, die unwahrscheinlicher sind als min-p mal die Wahrscheinlichkeit des wahrscheinlichsten Tokens.
Gültig: 0 bis 1; 0 schaltet es aus, 0,05 bis 0,1 ist üblich.</translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation>&amp;Wiederholungsstrafe</translation>
    </message>
    <message>
        <source>Makes tokens that already appear in the conversation less likely. 1 is no penalty, 1.1 is mild; below 1 favours repeats.
Valid: above 0.</source>
        <translation>Macht Tokens, die bereits in der Unterhaltung vorkommen, unwahrscheinlicher. 1 ist keine Strafe, 1,1 ist mild; unter 1 begünstigt Wiederholungen.
Gültig: über 0.</translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation>Max. &amp;neue Tokens</translation>
    </message>
    <message>
        <source>The longest answer, in tokens. The answer can end sooner at the model&apos;s end-of-turn token or a stop string, and never runs past the context.
Valid: a whole number, 1 or more.</source>
        <translation>Die längste Antwort in Tokens. Die Antwort kann früher enden, am End-of-Turn-Token des Modells oder an einem Stopp-String, und reicht nie über den Kontext hinaus.
Gültig: eine ganze Zahl, 1 oder mehr.</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>S&amp;eed</translation>
    </message>
    <message>
        <source>Starts the random choices at this number, so the same prompt and settings give the same answer again. Empty: the default shown in grey, where “random” is a new seed for every answer.
Valid: a whole number from 0 to %1.</source>
        <translation>Startet die Zufallsauswahl bei dieser Zahl, sodass derselbe Prompt mit denselben Einstellungen wieder dieselbe Antwort ergibt. Leer: der grau angezeigte Standardwert, wobei „zufällig“ für jede Antwort einen neuen Seed bedeutet.
Gültig: eine ganze Zahl von 0 bis %1.</translation>
    </message>
    <message>
        <source>Stop strings</source>
        <translation>Stopp-Strings</translation>
    </message>
    <message>
        <source>The answer ends when the model writes one of these texts. Write \n for a line break and \t for a tab; double-click or press F2 to edit one.</source>
        <translation>Die Antwort endet, wenn das Modell einen dieser Texte schreibt. \n steht für einen Zeilenumbruch, \t für einen Tabulator; zum Bearbeiten doppelklicken oder F2 drücken.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a stop string</source>
        <translation>Einen Stopp-String hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected stop string</source>
        <translation>Den gewählten Stopp-String entfernen</translation>
    </message>
    <message>
        <source>&amp;Stop strings</source>
        <translation>&amp;Stopp-Strings</translation>
    </message>
    <message>
        <source>Reset to the model&apos;s default</source>
        <translation>Auf den Standardwert des Modells zurücksetzen</translation>
    </message>
    <message>
        <source>Reset %1</source>
        <translation>%1 zurücksetzen</translation>
    </message>
    <message>
        <source>Last answer</source>
        <translation>Letzte Antwort</translation>
    </message>
    <message>
        <source>No answer yet.</source>
        <translation>Noch keine Antwort.</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>Zeit bis zum ersten Token</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Finished by</source>
        <translation>Beendet durch</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>From sending the request to the first text of the answer: reading the prompt, plus the network for a server</source>
        <translation>Vom Senden der Anfrage bis zum ersten Text der Antwort: das Einlesen des Prompts, bei einem Server zuzüglich Netzwerk</translation>
    </message>
    <message>
        <source>Tokens per second after the first token</source>
        <translation>Tokens pro Sekunde nach dem ersten Token</translation>
    </message>
    <message>
        <source>Tokens in the answer</source>
        <translation>Tokens in der Antwort</translation>
    </message>
    <message>
        <source>What produced the answer</source>
        <translation>Was die Antwort erzeugt hat</translation>
    </message>
    <message>
        <source>Empty fields use the backend&apos;s defaults.</source>
        <translation>Leere Felder verwenden die Standardwerte des Backends.</translation>
    </message>
    <message>
        <source>Empty fields use the defaults from %1.</source>
        <translation>Leere Felder verwenden die Standardwerte aus %1.</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>The answer also ends at the model&apos;s end-of-turn token.</source>
        <translation>Die Antwort endet außerdem am End-of-Turn-Token des Modells.</translation>
    </message>
    <message>
        <source>When empty: %1, and the model&apos;s end-of-turn token.</source>
        <translation>Wenn leer: %1 sowie das End-of-Turn-Token des Modells.</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Vorlage speichern</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Name der Vorlage:</translation>
    </message>
    <message>
        <source>“%1” is a built-in preset. Choose another name.</source>
        <translation>„%1“ ist eine eingebaute Vorlage. Bitte einen anderen Namen wählen.</translation>
    </message>
    <message>
        <source>Replace the preset “%1”?</source>
        <translation>Die Vorlage „%1“ ersetzen?</translation>
    </message>
    <message>
        <source>Use a number, 0 or more (0 is greedy).</source>
        <translation>Eine Zahl eingeben, 0 oder mehr (0 ist greedy).</translation>
    </message>
    <message>
        <source>Use a whole number, 0 or more (0 turns it off).</source>
        <translation>Eine ganze Zahl eingeben, 0 oder mehr (0 schaltet es aus).</translation>
    </message>
    <message>
        <source>Use a number above 0 and at most 1.</source>
        <translation>Eine Zahl über 0 und höchstens 1 eingeben.</translation>
    </message>
    <message>
        <source>Use a number from 0 to 1.</source>
        <translation>Eine Zahl von 0 bis 1 eingeben.</translation>
    </message>
    <message>
        <source>Use a number above 0 (1 is no penalty).</source>
        <translation>Eine Zahl über 0 eingeben (1 ist keine Strafe).</translation>
    </message>
    <message>
        <source>Use a whole number, 1 or more.</source>
        <translation>Eine ganze Zahl eingeben, 1 oder mehr.</translation>
    </message>
    <message>
        <source>Use a whole number from 0 to 9223372036854775807.</source>
        <translation>Eine ganze Zahl von 0 bis 9223372036854775807 eingeben.</translation>
    </message>
</context>
<context>
    <name>lathe::TemplateView</name>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>The prompt as the chat template wrote it</source>
        <translation>Der Prompt, wie das Chat-Template ihn geschrieben hat</translation>
    </message>
    <message>
        <source>To&amp;kens</source>
        <translation>To&amp;kens</translation>
    </message>
    <message>
        <source>The prompt as the model reads it, one chip per token; hover a chip for its id</source>
        <translation>Der Prompt, wie das Modell ihn liest, ein Chip pro Token; für die ID mit der Maus auf einen Chip zeigen</translation>
    </message>
    <message>
        <source>Show &amp;whitespace</source>
        <translation>&amp;Leerraum anzeigen</translation>
    </message>
    <message>
        <source>Show spaces as ·, tabs as → and line breaks as ↵</source>
        <translation>Leerzeichen als ·, Tabulatoren als → und Zeilenumbrüche als ↵ anzeigen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>Prompt text</source>
        <translation>Prompt-Text</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>Prompt-Tokens</translation>
    </message>
    <message>
        <source>No prompt yet. Send a message, or load a model to see what its template makes of this conversation.</source>
        <translation>Noch kein Prompt. Eine Nachricht senden oder ein Modell laden, um zu sehen, was sein Template aus dieser Unterhaltung macht.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln Zeichen</numerusform>
            <numerusform>%Ln Zeichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>id %1 · &apos;%2&apos;</source>
        <translation>ID %1 · &apos;%2&apos;</translation>
    </message>
    <message>
        <source>special token</source>
        <translation>Spezial-Token</translation>
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
<context>
    <name>lathe::TranscriptView</name>
    <message>
        <source>↓  Jump to latest</source>
        <translation>↓  Zur neuesten Nachricht</translation>
    </message>
    <message>
        <source>Jump to latest message</source>
        <translation>Zur neuesten Nachricht springen</translation>
    </message>
    <message>
        <source>Scroll to the latest message and follow the answer</source>
        <translation>Zur neuesten Nachricht scrollen und der Antwort folgen</translation>
    </message>
</context>
</TS>

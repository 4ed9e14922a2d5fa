// SamplingPanel: three group boxes (system prompt, sampling, last answer). Each sampling field
// is a line edit whose empty state means "the model's default" (shown as the placeholder), so
// "unset" and "set to the same value" stay different, as chat::SamplingSettings keeps them.
#include "ui/chat/sampling_panel.h"

#include "ui/common/number_format.h"

#include <QAbstractItemDelegate>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

namespace lathe {
namespace {

using Field = SamplingPanel::Field;
using chat::SamplingSettings;

const QString kPresetNamesKey = QStringLiteral("systemPromptPresets/names");
const QString kPresetTextsKey = QStringLiteral("systemPromptPresets/texts");

QString numberText(double value)
{
    return QLocale().toString(value, 'g', QLocale::FloatingPointShortest);
}

// Accepts the user's locale and the C locale, so "0,7" and "0.7" both work in German.
std::optional<double> parseReal(const QString& text)
{
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok) {
        value = QLocale::c().toDouble(text, &ok);
    }
    if (!ok || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<qulonglong> parseWhole(const QString& text)
{
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    if (ok) {
        return value;
    }
    const qulonglong local = QLocale().toULongLong(text, &ok);
    return ok ? std::optional<qulonglong>(local) : std::nullopt;
}

// Calls VISIT with FIELD's slot of SETTINGS (a std::optional of the field's own type).
template <typename Settings, typename Visitor>
auto visitField(Settings& settings, Field field, Visitor&& visit)
{
    switch (field) {
    case Field::Temperature: return visit(settings.temperature);
    case Field::TopK: return visit(settings.topK);
    case Field::TopP: return visit(settings.topP);
    case Field::MinP: return visit(settings.minP);
    case Field::RepetitionPenalty: return visit(settings.repetitionPenalty);
    case Field::MaxNewTokens: return visit(settings.maxNewTokens);
    case Field::Seed:
    case Field::Count: break;
    }
    return visit(settings.seed);
}

// The field's value in SETTINGS as the editor shows it; empty when unset.
QString fieldText(const SamplingSettings& settings, Field field)
{
    return visitField(settings, field, [](const auto& slot) -> QString {
        using Value = typename std::decay_t<decltype(slot)>::value_type;
        if (!slot) {
            return {};
        }
        if constexpr (std::is_floating_point_v<Value>) {
            return numberText(*slot);
        } else {
            return QString::number(*slot);
        }
    });
}

bool fieldIsSet(const SamplingSettings& settings, Field field)
{
    return !fieldText(settings, field).isEmpty();
}

// The values each field takes: what transformers' GenerationConfig and TGI accept.
struct FieldRange {
    double min;
    bool minExcluded;  // value > min rather than >= min
    double max;        // real fields
    qulonglong maxWhole;  // whole-number fields (exact where a double is not)
    const char* problem;
};

constexpr double kNoLimit = std::numeric_limits<double>::infinity();
constexpr qulonglong kInt32Max = qulonglong(std::numeric_limits<std::int32_t>::max());
constexpr qulonglong kInt64Max = qulonglong(std::numeric_limits<std::int64_t>::max());

const FieldRange& rangeOf(Field field)
{
    static const std::array<FieldRange, std::size_t(Field::Count)> ranges = {{
        {0.0, false, kNoLimit, 0, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a number, 0 or more (0 is greedy).")},
        {0.0, false, 0.0, kInt32Max, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a whole number, 0 or more (0 turns it off).")},
        {0.0, true, 1.0, 0, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a number above 0 and at most 1.")},
        {0.0, false, 1.0, 0, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a number from 0 to 1.")},
        {0.0, true, kNoLimit, 0, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a number above 0 (1 is no penalty).")},
        {1.0, false, 0.0, kInt64Max, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a whole number, 1 or more.")},
        {0.0, false, 0.0, kInt64Max, QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Use a whole number from 0 to 9223372036854775807.")},
    }};
    return ranges[std::size_t(field)];
}

// Parses TEXT into FIELD of SETTINGS (empty text unsets it). Returns why the text is not a
// valid value (SETTINGS untouched), or an empty string when it was applied.
QString applyFieldText(SamplingSettings& settings, Field field, const QString& rawText)
{
    const QString text = rawText.trimmed();
    const FieldRange& range = rangeOf(field);
    return visitField(settings, field, [&](auto& slot) -> QString {
        using Value = typename std::decay_t<decltype(slot)>::value_type;
        if (text.isEmpty()) {
            slot.reset();
            return {};
        }
        if constexpr (std::is_floating_point_v<Value>) {
            const std::optional<double> value = parseReal(text);
            if (!value || *value < range.min || (range.minExcluded && *value == range.min) || *value > range.max) {
                return SamplingPanel::tr(range.problem);
            }
            slot = Value(*value);
        } else {
            const std::optional<qulonglong> value = parseWhole(text);
            if (!value || double(*value) < range.min || *value > range.maxWhole) {
                return SamplingPanel::tr(range.problem);
            }
            slot = Value(*value);
        }
        return {};
    });
}

// Stop strings are edited with visible escapes: most useful ones contain line breaks.
QString escapeStop(const QString& text)
{
    QString out;
    for (QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        default: out += c;
        }
    }
    return out;
}

QString unescapeStop(const QString& text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('\\') && i + 1 < text.size()) {
            const QChar next = text[i + 1];
            if (next == QLatin1Char('n')) {
                out += QLatin1Char('\n');
            } else if (next == QLatin1Char('t')) {
                out += QLatin1Char('\t');
            } else if (next == QLatin1Char('r')) {
                out += QLatin1Char('\r');
            } else if (next == QLatin1Char('\\')) {
                out += QLatin1Char('\\');
            } else {
                out += text[i];
                continue;
            }
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool sameSettings(const SamplingSettings& a, const SamplingSettings& b)
{
    return a.temperature == b.temperature && a.topK == b.topK && a.topP == b.topP && a.minP == b.minP &&
           a.repetitionPenalty == b.repetitionPenalty && a.maxNewTokens == b.maxNewTokens && a.seed == b.seed &&
           a.stop == b.stop;
}

QString durationText(double ms)
{
    if (ms < 1000.0) {
        return SamplingPanel::tr("%1 ms").arg(QLocale().toString(ms, 'f', 0));
    }
    return SamplingPanel::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 2));
}

struct FinishWords {
    const char* name;  // chat::finishName()
    const char* text;
    const char* toolTip;
};

constexpr std::array<FinishWords, 5> kFinishes = {{
    {"eos", QT_TRANSLATE_NOOP("lathe::SamplingPanel", "End of answer"),
     QT_TRANSLATE_NOOP("lathe::SamplingPanel", "The model ended its answer with its end-of-turn token.")},
    {"stop", QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Stop string"),
     QT_TRANSLATE_NOOP("lathe::SamplingPanel", "The answer reached one of the stop strings.")},
    {"length", QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Length limit"),
     QT_TRANSLATE_NOOP("lathe::SamplingPanel",
                       "The answer reached Max new tokens or the end of the context; it may stop mid-sentence.")},
    {"cancelled", QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Stopped"),
     QT_TRANSLATE_NOOP("lathe::SamplingPanel", "You stopped the answer; the text so far was kept.")},
    {"error", QT_TRANSLATE_NOOP("lathe::SamplingPanel", "Broken off by an error"),
     QT_TRANSLATE_NOOP("lathe::SamplingPanel", "The stream broke after text arrived; the text so far was kept.")},
}};

const FinishWords* finishWords(const QString& finish)
{
    for (const FinishWords& words : kFinishes) {
        if (finish == QLatin1String(words.name)) {
            return &words;
        }
    }
    return nullptr;
}

}  // namespace

QVector<SystemPromptPreset> SamplingPanel::builtInPresets()
{
    return {
        {tr("Helpful assistant"),
         tr("You are a helpful, honest assistant. Answer clearly and accurately, and say so when you are not sure "
            "instead of guessing. When a request is ambiguous, ask one short clarifying question. Use Markdown "
            "for lists, tables and code."),
         true},
        {tr("Concise"),
         tr("Answer as briefly as you can while staying correct and complete. Lead with the answer itself; no "
            "introductions, no restating the question, no closing remarks. Prefer short sentences and lists."),
         true},
        {tr("Code reviewer"),
         tr("You are an experienced code reviewer. For the code you are given, list bugs first, then risky or "
            "unclear parts, then style. Quote the lines you mean, explain why each point matters and suggest a "
            "concrete fix. If the code looks correct, say so plainly instead of inventing problems."),
         true},
    };
}

SamplingPanel::SamplingPanel(QWidget* parent)
    : QWidget(parent)
    , m_presets(builtInPresets())
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(10);
    layout->addWidget(buildSystemPromptBox());
    layout->addWidget(buildSamplingBox());
    layout->addWidget(buildAnswerBox());
    layout->addStretch(1);

    rebuildPresetCombo();
    updatePlaceholders();
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        showFieldValue(Field(i));
    }
    setLastAnswer(std::nullopt);
}

QGroupBox* SamplingPanel::buildSystemPromptBox()
{
    auto* box = new QGroupBox(tr("System prompt"), this);

    m_presetCombo = new QComboBox(box);
    m_presetCombo->setPlaceholderText(tr("Custom"));
    m_presetCombo->setToolTip(tr("Replace the system prompt with a saved one"));
    m_presetCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presetCombo->setMinimumContentsLength(10);
    connect(m_presetCombo, &QComboBox::activated, this, &SamplingPanel::presetChosen);
    auto* presetLabel = new QLabel(tr("&Preset:"), box);
    presetLabel->setBuddy(m_presetCombo);

    m_savePreset = new QPushButton(tr("Save as preset…"), box);
    m_savePreset->setToolTip(tr("Save this system prompt as a preset under a name"));
    connect(m_savePreset, &QPushButton::clicked, this, &SamplingPanel::askSavePreset);
    m_deletePreset = new QPushButton(tr("Delete preset"), box);
    m_deletePreset->setToolTip(tr("Delete the selected preset (built-in presets stay)"));
    connect(m_deletePreset, &QPushButton::clicked, this, &SamplingPanel::askDeletePreset);

    m_systemPrompt = new QPlainTextEdit(box);
    m_systemPrompt->setPlaceholderText(tr("No system prompt. Write one, or pick a preset."));
    m_systemPrompt->setTabChangesFocus(true);
    m_systemPrompt->setAccessibleName(tr("System prompt"));
    m_systemPrompt->setToolTip(tr("Sent first in every request of this conversation, before the messages. Some "
                                  "chat templates do not accept a system prompt."));
    m_systemPrompt->setMinimumHeight(m_systemPrompt->fontMetrics().lineSpacing() * 5);
    m_systemPrompt->setMaximumHeight(m_systemPrompt->fontMetrics().lineSpacing() * 12);
    m_systemPrompt->installEventFilter(this);

    m_systemPromptDebounce = new QTimer(this);
    m_systemPromptDebounce->setSingleShot(true);
    m_systemPromptDebounce->setInterval(400);
    connect(m_systemPrompt, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating) {
            m_systemPromptDebounce->start();
            syncPresetCombo();
        }
    });
    connect(m_systemPromptDebounce, &QTimer::timeout, this, [this] { emit systemPromptEdited(systemPrompt()); });

    auto* presetRow = new QHBoxLayout;
    presetRow->setSpacing(4);
    presetRow->addWidget(presetLabel);
    presetRow->addWidget(m_presetCombo, 1);
    auto* presetButtons = new QHBoxLayout;
    presetButtons->setSpacing(4);
    presetButtons->addStretch(1);
    presetButtons->addWidget(m_savePreset);
    presetButtons->addWidget(m_deletePreset);

    auto* layout = new QVBoxLayout(box);
    layout->addLayout(presetRow);
    layout->addWidget(m_systemPrompt);
    layout->addLayout(presetButtons);
    return box;
}

QGroupBox* SamplingPanel::buildSamplingBox()
{
    auto* box = new QGroupBox(tr("Sampling"), this);

    m_defaultsLabel = new QLabel(box);
    m_defaultsLabel->setWordWrap(true);
    m_defaultsLabel->setForegroundRole(QPalette::PlaceholderText);
    m_resetAll = new QPushButton(tr("Reset all"), box);
    m_resetAll->setToolTip(tr("Clear every field, so the model's defaults apply"));
    connect(m_resetAll, &QPushButton::clicked, this, &SamplingPanel::resetAll);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    addField(box, form, Field::Temperature, tr("&Temperature"),
             tr("Divides the logits before sampling. Lower is more focused, higher more varied; 0 always picks the "
                "most likely token (greedy).\nValid: 0 or more. 0.6 to 0.8 suits chat."));
    addField(box, form, Field::TopK, tr("Top-&k"),
             tr("Samples only from the k most likely tokens.\nValid: a whole number, 0 or more; 0 turns it off."));
    addField(box, form, Field::TopP, tr("Top-&p"),
             tr("Samples from the smallest set of likely tokens whose probabilities add up to p (nucleus "
                "sampling).\nValid: above 0, at most 1; 1 turns it off."));
    addField(box, form, Field::MinP, tr("&Min-p"),
             tr("Leaves out tokens less likely than min-p times the probability of the most likely token.\nValid: "
                "0 to 1; 0 turns it off, 0.05 to 0.1 is typical."));
    addField(box, form, Field::RepetitionPenalty, tr("&Repetition penalty"),
             tr("Makes tokens that already appear in the conversation less likely. 1 is no penalty, 1.1 is mild; "
                "below 1 favours repeats.\nValid: above 0."));
    addField(box, form, Field::MaxNewTokens, tr("Max &new tokens"),
             tr("The longest answer, in tokens. The answer can end sooner at the model's end-of-turn token or a "
                "stop string, and never runs past the context.\nValid: a whole number, 1 or more."));
    addField(box, form, Field::Seed, tr("S&eed"),
             tr("Starts the random choices at this number, so the same prompt and settings give the same answer "
                "again. Empty: the default shown in grey, where “random” is a new seed for every answer.\nValid: a "
                "whole number from 0 to %1.")
                 .arg(std::numeric_limits<std::int64_t>::max()));

    m_stopList = new QListWidget(box);
    m_stopList->setAccessibleName(tr("Stop strings"));
    m_stopList->setToolTip(tr("The answer ends when the model writes one of these texts. Write \\n for a line break "
                              "and \\t for a tab; double-click or press F2 to edit one."));
    m_stopList->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stopList->setMaximumHeight(m_stopList->fontMetrics().lineSpacing() * 5 + 8);
    m_stopList->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::AnyKeyPressed);
    connect(m_stopList, &QListWidget::itemChanged, this, &SamplingPanel::stopListEdited);
    // An item added and left empty disappears when its editor closes.
    connect(
        m_stopList->itemDelegate(), &QAbstractItemDelegate::closeEditor, this,
        [this] {
            m_updating = true;
            for (int row = m_stopList->count() - 1; row >= 0; --row) {
                if (m_stopList->item(row)->text().isEmpty()) {
                    delete m_stopList->takeItem(row);
                }
            }
            m_updating = false;
            stopListEdited();
        },
        Qt::QueuedConnection);
    connect(m_stopList, &QListWidget::currentRowChanged, this,
            [this](int row) { m_removeStop->setEnabled(row >= 0); });
    m_addStop = new QToolButton(box);
    m_addStop->setText(tr("Add"));
    m_addStop->setToolTip(tr("Add a stop string"));
    connect(m_addStop, &QToolButton::clicked, this, &SamplingPanel::addStopString);
    m_removeStop = new QToolButton(box);
    m_removeStop->setText(tr("Remove"));
    m_removeStop->setToolTip(tr("Remove the selected stop string"));
    m_removeStop->setEnabled(false);
    connect(m_removeStop, &QToolButton::clicked, this, &SamplingPanel::removeStopString);
    m_stopHint = new QLabel(box);
    m_stopHint->setWordWrap(true);
    m_stopHint->setForegroundRole(QPalette::PlaceholderText);

    auto* stopButtons = new QHBoxLayout;
    stopButtons->setSpacing(4);
    stopButtons->addWidget(m_addStop);
    stopButtons->addWidget(m_removeStop);
    stopButtons->addStretch(1);
    auto* stopColumn = new QVBoxLayout;
    stopColumn->setSpacing(4);
    stopColumn->addWidget(m_stopList);
    stopColumn->addLayout(stopButtons);
    stopColumn->addWidget(m_stopHint);
    auto* stopLabel = new QLabel(tr("&Stop strings"), box);
    stopLabel->setBuddy(m_stopList);
    stopLabel->setToolTip(m_stopList->toolTip());
    form->addRow(stopLabel, stopColumn);

    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_resetAll);

    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_defaultsLabel);
    layout->addLayout(form);
    layout->addLayout(bottom);
    return box;
}

void SamplingPanel::addField(QWidget* parent, QFormLayout* form, Field field, const QString& label,
                            const QString& toolTip)
{
    FieldWidgets& widgets = m_fields[std::size_t(field)];
    widgets.edit = new QLineEdit(parent);
    widgets.edit->setToolTip(toolTip);
    widgets.edit->setClearButtonEnabled(false);
    widgets.label = new QLabel(label, parent);
    widgets.label->setBuddy(widgets.edit);
    widgets.label->setToolTip(toolTip);
    widgets.edit->setAccessibleName(QString(label).remove(QLatin1Char('&')));
    widgets.reset = new QToolButton(parent);
    widgets.reset->setText(QStringLiteral("↺"));
    widgets.reset->setAutoRaise(true);
    widgets.reset->setToolTip(tr("Reset to the model's default"));
    widgets.reset->setAccessibleName(tr("Reset %1").arg(widgets.edit->accessibleName()));
    widgets.error = new QLabel(parent);
    widgets.error->setWordWrap(true);
    widgets.error->setVisible(false);
    widgets.error->setStyleSheet(QStringLiteral("color: #d32f2f;"));

    connect(widgets.edit, &QLineEdit::textEdited, this, [this, field] { fieldEdited(field); });
    connect(widgets.edit, &QLineEdit::editingFinished, this, [this, field] { fieldCommitted(field); });
    connect(widgets.reset, &QToolButton::clicked, this, [this, field] { resetField(field); });

    auto* row = new QHBoxLayout;
    row->setSpacing(2);
    row->addWidget(widgets.edit, 1);
    row->addWidget(widgets.reset);
    auto* column = new QVBoxLayout;
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(widgets.error);
    form->addRow(widgets.label, column);
}

QGroupBox* SamplingPanel::buildAnswerBox()
{
    auto* box = new QGroupBox(tr("Last answer"), this);
    m_noAnswer = new QLabel(tr("No answer yet."), box);
    m_noAnswer->setForegroundRole(QPalette::PlaceholderText);

    m_answerForm = new QWidget(box);
    auto* form = new QFormLayout(m_answerForm);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignLeft);
    const std::array<QString, std::size_t(AnswerStat::Count)> names = {
        tr("Time to first token"), tr("Speed"), tr("Tokens"), tr("Finished by"), tr("Backend")};
    const std::array<QString, std::size_t(AnswerStat::Count)> tips = {
        tr("From sending the request to the first text of the answer: reading the prompt, plus the network "
           "for a server"),
        tr("Tokens per second after the first token"), tr("Tokens in the answer"), QString(),
        tr("What produced the answer")};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto* label = new QLabel(names[i], m_answerForm);
        label->setForegroundRole(QPalette::PlaceholderText);
        label->setToolTip(tips[i]);
        auto* value = new QLabel(m_answerForm);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
        m_answerValues[i] = value;
    }

    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_noAnswer);
    layout->addWidget(m_answerForm);
    return box;
}

void SamplingPanel::setSystemPrompt(const QString& text)
{
    flushSystemPrompt();
    if (text == systemPrompt()) {
        return;
    }
    m_updating = true;
    m_systemPrompt->setPlainText(text);
    m_updating = false;
    syncPresetCombo();
}

QString SamplingPanel::systemPrompt() const
{
    return m_systemPrompt->toPlainText();
}

void SamplingPanel::flushSystemPrompt()
{
    if (m_systemPromptDebounce->isActive()) {
        m_systemPromptDebounce->stop();
        emit systemPromptEdited(systemPrompt());
    }
}

chat::SamplingSettings SamplingPanel::settings() const
{
    // A valid text still being typed counts already; an invalid one leaves the committed value.
    SamplingSettings current = m_settings;
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        applyFieldText(current, Field(i), m_fields[i].edit->text());
    }
    return current;
}

void SamplingPanel::setSettings(const chat::SamplingSettings& settings)
{
    m_settings = settings;
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        showFieldValue(Field(i));
    }
    m_updating = true;
    m_stopList->clear();
    for (const std::string& stop : settings.stop) {
        auto* item = new QListWidgetItem(escapeStop(QString::fromStdString(stop)), m_stopList);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_updating = false;
    m_removeStop->setEnabled(false);
}

void SamplingPanel::setModelDefaults(const chat::SamplingSettings& defaults, const QString& source)
{
    m_defaults = defaults;
    m_defaultsSource = source;
    updatePlaceholders();
}

void SamplingPanel::updatePlaceholders()
{
    m_defaultsLabel->setText(m_defaultsSource.isEmpty()
                                 ? tr("Empty fields use the backend's defaults.")
                                 : tr("Empty fields use the defaults from %1.").arg(m_defaultsSource));
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const Field field = Field(i);
        const QString value = fieldText(m_defaults, field);
        QString placeholder;
        if (!value.isEmpty()) {
            placeholder = tr("%1 (default)").arg(value);
        } else if (field == Field::Seed) {
            placeholder = tr("random");
        } else {
            placeholder = tr("default");
        }
        m_fields[i].edit->setPlaceholderText(placeholder);
    }
    if (m_defaults.stop.empty()) {
        m_stopHint->setText(tr("The answer also ends at the model's end-of-turn token."));
    } else {
        QStringList quoted;
        for (const std::string& stop : m_defaults.stop) {
            quoted << QStringLiteral("“%1”").arg(escapeStop(QString::fromStdString(stop)));
        }
        m_stopHint->setText(tr("When empty: %1, and the model's end-of-turn token.").arg(quoted.join(QStringLiteral(", "))));
    }
}

void SamplingPanel::showFieldValue(Field field)
{
    FieldWidgets& widgets = m_fields[std::size_t(field)];
    const QString text = fieldText(m_settings, field);
    if (widgets.edit->text() != text) {
        widgets.edit->setText(text);
    }
    setFieldError(field, QString());
}

void SamplingPanel::setFieldError(Field field, const QString& error)
{
    FieldWidgets& widgets = m_fields[std::size_t(field)];
    widgets.error->setText(error);
    widgets.error->setVisible(!error.isEmpty());
    widgets.edit->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }"));
    updateResetButtons();
}

void SamplingPanel::updateResetButtons()
{
    bool anySet = !m_settings.stop.empty();
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const bool set = fieldIsSet(m_settings, Field(i)) || !m_fields[i].edit->text().isEmpty();
        m_fields[i].reset->setEnabled(set);
        anySet = anySet || set;
    }
    m_resetAll->setEnabled(anySet);
}

QString SamplingPanel::fieldError(Field field) const
{
    return m_fields[std::size_t(field)].error->text();
}

void SamplingPanel::fieldEdited(Field field)
{
    // Says at once what is wrong; the value is taken when the field is done (fieldCommitted).
    SamplingSettings scratch;
    setFieldError(field, applyFieldText(scratch, field, m_fields[std::size_t(field)].edit->text()));
}

void SamplingPanel::fieldCommitted(Field field)
{
    SamplingSettings next = m_settings;
    const QString error = applyFieldText(next, field, m_fields[std::size_t(field)].edit->text());
    if (!error.isEmpty()) {
        setFieldError(field, error);
        return;
    }
    const bool changed = !sameSettings(next, m_settings);
    m_settings = next;
    showFieldValue(field);  // "0.70" reads "0.7" once the field is done
    if (changed) {
        emit settingsChanged();
    }
}

void SamplingPanel::resetField(Field field)
{
    const SamplingSettings before = settings();
    applyFieldText(m_settings, field, QString());
    showFieldValue(field);
    if (!sameSettings(before, settings())) {
        emit settingsChanged();
    }
}

void SamplingPanel::resetAll()
{
    const bool changed = !sameSettings(settings(), SamplingSettings{});
    setSettings(SamplingSettings{});
    if (changed) {
        emit settingsChanged();
    }
}

void SamplingPanel::stopListEdited()
{
    if (m_updating) {
        return;
    }
    std::vector<std::string> stops;
    for (int row = 0; row < m_stopList->count(); ++row) {
        const QString text = unescapeStop(m_stopList->item(row)->text());
        if (!text.isEmpty()) {
            stops.push_back(text.toStdString());
        }
    }
    if (stops != m_settings.stop) {
        m_settings.stop = std::move(stops);
        updateResetButtons();
        emit settingsChanged();
    }
}

void SamplingPanel::addStopString()
{
    m_updating = true;
    auto* item = new QListWidgetItem(m_stopList);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_updating = false;
    m_stopList->setCurrentItem(item);
    m_stopList->setFocus(Qt::OtherFocusReason);
    m_stopList->editItem(item);
}

void SamplingPanel::removeStopString()
{
    const int row = m_stopList->currentRow();
    if (row < 0) {
        return;
    }
    m_updating = true;
    delete m_stopList->takeItem(row);
    m_updating = false;
    stopListEdited();
}

void SamplingPanel::setLastAnswer(std::optional<AnswerStatsView> stats)
{
    m_noAnswer->setVisible(!stats.has_value());
    m_answerForm->setVisible(stats.has_value());
    if (!stats) {
        for (QLabel* value : m_answerValues) {
            value->clear();
        }
        return;
    }
    auto set = [this](AnswerStat stat, const QString& text, const QString& toolTip = QString()) {
        m_answerValues[std::size_t(stat)]->setText(text);
        m_answerValues[std::size_t(stat)]->setToolTip(toolTip);
    };
    set(AnswerStat::TimeToFirstToken, durationText(stats->ttftMs));
    set(AnswerStat::Speed, tr("%1 tokens/s").arg(QLocale().toString(stats->tokensPerSecond, 'f', 1)));
    set(AnswerStat::Tokens, formatCount(std::uint64_t(std::max<qint64>(stats->tokens, 0))));
    const FinishWords* finish = finishWords(stats->finish);
    set(AnswerStat::Finish, finish != nullptr ? tr(finish->text) : stats->finish,
        finish != nullptr ? tr(finish->toolTip) : QString());
    set(AnswerStat::Backend, stats->backend);
}

QString SamplingPanel::answerStatText(AnswerStat stat) const
{
    return m_answerForm->isHidden() ? QString() : m_answerValues[std::size_t(stat)]->text();
}

bool SamplingPanel::savePreset(const QString& name, const QString& text)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return false;
    }
    for (SystemPromptPreset& preset : m_presets) {
        if (preset.name == trimmed) {
            if (preset.builtIn) {
                return false;
            }
            preset.text = text;
            rebuildPresetCombo();
            emit presetsChanged();
            return true;
        }
    }
    m_presets.push_back({trimmed, text, false});
    rebuildPresetCombo();
    emit presetsChanged();
    return true;
}

bool SamplingPanel::deletePreset(const QString& name)
{
    for (qsizetype i = 0; i < m_presets.size(); ++i) {
        if (m_presets[i].name == name) {
            if (m_presets[i].builtIn) {
                return false;
            }
            m_presets.removeAt(i);
            rebuildPresetCombo();
            emit presetsChanged();
            return true;
        }
    }
    return false;
}

void SamplingPanel::loadSettings(const QSettings& settings)
{
    const QStringList names = settings.value(kPresetNamesKey).toStringList();
    const QStringList texts = settings.value(kPresetTextsKey).toStringList();
    m_presets = builtInPresets();
    for (qsizetype i = 0; i < names.size() && i < texts.size(); ++i) {
        QString name = names[i].trimmed();
        if (name.isEmpty()) {
            continue;
        }
        // A saved preset whose name a later built-in took keeps its text under a new name.
        auto taken = [this](const QString& candidate) {
            return std::any_of(m_presets.begin(), m_presets.end(),
                               [&](const SystemPromptPreset& preset) { return preset.name == candidate; });
        };
        const QString base = name;
        for (int n = 2; taken(name); ++n) {
            name = QStringLiteral("%1 (%2)").arg(base).arg(n);
        }
        m_presets.push_back({name, texts[i], false});
    }
    rebuildPresetCombo();
}

void SamplingPanel::saveSettings(QSettings& settings) const
{
    QStringList names;
    QStringList texts;
    for (const SystemPromptPreset& preset : m_presets) {
        if (!preset.builtIn) {
            names << preset.name;
            texts << preset.text;
        }
    }
    settings.setValue(kPresetNamesKey, names);
    settings.setValue(kPresetTextsKey, texts);
}

void SamplingPanel::rebuildPresetCombo()
{
    const QSignalBlocker blocker(m_presetCombo);
    m_presetCombo->clear();
    for (const SystemPromptPreset& preset : m_presets) {
        m_presetCombo->addItem(preset.name);
        m_presetCombo->setItemData(m_presetCombo->count() - 1, preset.text, Qt::ToolTipRole);
    }
    syncPresetCombo();
}

void SamplingPanel::syncPresetCombo()
{
    // The combo names the preset the text equals, else shows "Custom".
    const QString text = systemPrompt();
    int match = -1;
    for (qsizetype i = 0; i < m_presets.size(); ++i) {
        if (m_presets[i].text == text) {
            match = int(i);
            break;
        }
    }
    const QSignalBlocker blocker(m_presetCombo);
    m_presetCombo->setCurrentIndex(match);
    m_presetCombo->setPlaceholderText(text.isEmpty() ? tr("None") : tr("Custom"));
    m_deletePreset->setEnabled(match >= 0 && !m_presets[match].builtIn);
    m_savePreset->setEnabled(!text.trimmed().isEmpty() && match < 0);
}

void SamplingPanel::presetChosen(int index)
{
    if (index < 0 || index >= m_presets.size()) {
        return;
    }
    m_systemPromptDebounce->stop();
    m_updating = true;
    m_systemPrompt->setPlainText(m_presets[index].text);
    m_updating = false;
    syncPresetCombo();
    emit systemPromptEdited(systemPrompt());
}

void SamplingPanel::askSavePreset()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name of the preset:"), QLineEdit::Normal,
                                               QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty()) {
        return;
    }
    for (const SystemPromptPreset& preset : m_presets) {
        if (preset.name != name) {
            continue;
        }
        if (preset.builtIn) {
            QMessageBox::information(this, tr("Save preset"),
                                     tr("“%1” is a built-in preset. Choose another name.").arg(name));
            return;
        }
        if (QMessageBox::question(this, tr("Save preset"), tr("Replace the preset “%1”?").arg(name)) !=
            QMessageBox::Yes) {
            return;
        }
    }
    savePreset(name, systemPrompt());
}

void SamplingPanel::askDeletePreset()
{
    const int index = m_presetCombo->currentIndex();
    if (index >= 0 && index < m_presets.size()) {
        deletePreset(m_presets[index].name);
    }
}

bool SamplingPanel::eventFilter(QObject* watched, QEvent* event)
{
    // Leaving the editor delivers the edit at once rather than after the debounce.
    if (watched == m_systemPrompt && event->type() == QEvent::FocusOut) {
        flushSystemPrompt();
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace lathe

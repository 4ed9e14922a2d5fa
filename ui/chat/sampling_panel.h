// SamplingPanel: the Chat page's right-hand settings: the conversation's system prompt with saved
// presets, the sampling settings (each one either left at the model's default, shown in grey,
// or set by the user) and the statistics of the last answer. Values in, signals out; only
// load/saveSettings touch QSettings (the user's presets). GUI thread only.
#pragma once

#include "chat/chat_backend.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <array>
#include <optional>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QTimer;
class QToolButton;

namespace lathe {

// What the panel shows about the last answer; the page fills it from chat::ChatResult.
struct AnswerStatsView {
    double ttftMs = 0.0;
    double tokensPerSecond = 0.0;
    qint64 tokens = 0;
    QString finish;   // chat::finishName(): "eos", "stop", "length", "cancelled", "error"
    QString backend;  // "Local (CPU)", the server's URL
};

struct SystemPromptPreset {
    QString name;
    QString text;
    bool builtIn = false;
};

class SamplingPanel : public QWidget {
    Q_OBJECT

public:
    // The single-valued settings; stop strings have their own list.
    enum class Field { Temperature, TopK, TopP, MinP, RepetitionPenalty, MaxNewTokens, Seed, Count };

    explicit SamplingPanel(QWidget* parent = nullptr);

    // The conversation's system prompt. Setting it emits nothing (but first delivers an edit
    // still waiting in the debounce, so it reaches the conversation it was typed for).
    void setSystemPrompt(const QString& text);
    QString systemPrompt() const;

    // Unset fields of settings() are left to the backend. A field takes its text when the text
    // is valid; an invalid text shows why next to it and leaves the value from before the edit.
    // settingsChanged() comes when a field is done (Enter, leaving it), reset or a list edit.
    chat::SamplingSettings settings() const;
    void setSettings(const chat::SamplingSettings& settings);
    // What unset fields will be: shown as grey placeholders. source: where they come from
    // ("generation_config.json", "the server").
    void setModelDefaults(const chat::SamplingSettings& defaults, const QString& source);
    void resetField(Field field);
    void resetAll();

    void setLastAnswer(std::optional<AnswerStatsView> stats);

    // Presets: the built-ins first, then the user's in the order saved.
    QVector<SystemPromptPreset> presets() const { return m_presets; }
    // Adds or replaces a user preset; false (and nothing changes) for a built-in's name or an
    // empty name.
    bool savePreset(const QString& name, const QString& text);
    // False for built-ins and unknown names.
    bool deletePreset(const QString& name);
    void loadSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

    // For tests and keyboard users: the editors behind each field.
    QLineEdit* fieldEditor(Field field) const { return m_fields[std::size_t(field)].edit; }
    QToolButton* fieldResetButton(Field field) const { return m_fields[std::size_t(field)].reset; }
    QString fieldError(Field field) const;
    QPlainTextEdit* systemPromptEditor() const { return m_systemPrompt; }
    QComboBox* presetCombo() const { return m_presetCombo; }
    QListWidget* stopList() const { return m_stopList; }
    // The value shown for one statistic ("412 ms"); empty while no answer is shown.
    enum class AnswerStat { TimeToFirstToken, Speed, Tokens, Finish, Backend, Count };
    QString answerStatText(AnswerStat stat) const;

    static QVector<SystemPromptPreset> builtInPresets();

signals:
    void systemPromptEdited(const QString& text);  // debounced while typing
    void settingsChanged();
    void presetsChanged();  // the page saves settings when it likes

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct FieldWidgets {
        QLabel* label = nullptr;
        QLineEdit* edit = nullptr;
        QToolButton* reset = nullptr;
        QLabel* error = nullptr;
    };
    QGroupBox* buildSystemPromptBox();
    QGroupBox* buildSamplingBox();
    QGroupBox* buildAnswerBox();
    void addField(QWidget* parent, QFormLayout* form, Field field, const QString& label, const QString& toolTip);
    void fieldEdited(Field field);
    void fieldCommitted(Field field);
    void stopListEdited();
    void addStopString();
    void removeStopString();
    void updatePlaceholders();
    void showFieldValue(Field field);
    void setFieldError(Field field, const QString& error);
    void updateResetButtons();
    void rebuildPresetCombo();
    void syncPresetCombo();
    void presetChosen(int index);
    void askSavePreset();
    void askDeletePreset();
    void flushSystemPrompt();

    std::array<FieldWidgets, std::size_t(Field::Count)> m_fields;
    chat::SamplingSettings m_settings;  // what settings() returns
    chat::SamplingSettings m_defaults;
    QString m_defaultsSource;
    bool m_updating = false;

    QPlainTextEdit* m_systemPrompt = nullptr;
    QTimer* m_systemPromptDebounce = nullptr;
    QComboBox* m_presetCombo = nullptr;
    QPushButton* m_savePreset = nullptr;
    QPushButton* m_deletePreset = nullptr;
    QVector<SystemPromptPreset> m_presets;

    QLabel* m_defaultsLabel = nullptr;
    QListWidget* m_stopList = nullptr;
    QLabel* m_stopHint = nullptr;
    QToolButton* m_addStop = nullptr;
    QToolButton* m_removeStop = nullptr;
    QPushButton* m_resetAll = nullptr;

    QLabel* m_noAnswer = nullptr;
    QWidget* m_answerForm = nullptr;
    std::array<QLabel*, std::size_t(AnswerStat::Count)> m_answerValues{};
};

}  // namespace lathe

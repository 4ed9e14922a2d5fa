// EndpointDialog: adds or edits a remote chat endpoint: its URL (http or https with a host),
// the API it speaks (by URL, OpenAI-compatible or Text Generation Inference), an optional API
// key and a display name. A saved key is never shown: the dialog says one is saved and keeps it
// unless the user types a new one or clears it. "Test connection" is asked of the page, which
// answers with setTestResult(). GUI thread only.
#pragma once

#include "remote/remote_chat_backend.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace lathe {

class EndpointDialog : public QDialog {
    Q_OBJECT

public:
    // What to do with the key saved for this endpoint.
    enum class KeyChange { Keep, Replace, Clear };

    explicit EndpointDialog(QWidget* parent = nullptr);

    void setUrl(const QString& url);
    QString url() const;  // trimmed
    void setApiStyle(remote::ApiStyle style);
    remote::ApiStyle apiStyle() const;  // not style(): QWidget::style() stays reachable
    void setDisplayName(const QString& name);
    // The typed name, or the URL's host when the field is left empty.
    QString displayName() const;

    // Editing an endpoint whose key is saved; hint: remote::maskSecret() of it ("sk-…7f3a").
    void setSavedKey(const QString& hint);
    bool hasSavedKey() const { return m_hasSavedKey; }
    KeyChange keyChange() const;
    QString apiKey() const;  // the typed key (KeyChange::Replace), else empty
    // As remote::EndpointStore::save() takes it: nullopt keeps the saved key, "" removes it.
    std::optional<std::string> keyToSave() const;

    // The page's answer to testRequested(); ignored when the URL changed since.
    void setTestResult(bool ok, const QString& message);
    QString testResultText() const;

    // Why URL cannot be used (empty when it can): http or https, and a host.
    static QString urlProblem(const QString& url);

    QLineEdit* urlEdit() const { return m_url; }
    QLineEdit* keyEdit() const { return m_key; }
    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* styleCombo() const { return m_style; }
    QToolButton* showKeyButton() const { return m_showKey; }
    QPushButton* clearKeyButton() const { return m_clearKey; }
    QPushButton* testButton() const { return m_test; }
    QPushButton* acceptButton() const;
    QString urlError() const;

signals:
    // key: the typed key; empty with KeyChange::Keep means "use the saved one".
    void testRequested(const QString& url, lathe::remote::ApiStyle style, const QString& key);

private:
    void validate();
    void updateKeyField();

    QLineEdit* m_url = nullptr;
    QLabel* m_urlError = nullptr;
    QComboBox* m_style = nullptr;
    QLineEdit* m_key = nullptr;
    QToolButton* m_showKey = nullptr;
    QPushButton* m_clearKey = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_testResult = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_hasSavedKey = false;
    bool m_clearSavedKey = false;
    bool m_testing = false;
    QString m_savedKeyHint;
};

}  // namespace lathe
